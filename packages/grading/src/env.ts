// The environment through which the workshop CLI tells a grader run what to grade
// and where to report: one place, read by the graders' side and the CLI alike.

/** The graded `src/` folder: the exercise's own, a solution's, or a copy of a student's. */
export const SOURCE_DIR_ENV = 'KIT_SOURCE_DIR';
/** The exercise's folder name, for the report. */
export const EXERCISE_ENV = 'KIT_EXERCISE';
/** Where the reporter writes the grade as JSON. */
export const RESULT_FILE_ENV = 'KIT_RESULT_FILE';
/**
 * The folder where each test worker of the running grader writes its progress
 * (a file per worker: grader files may run side by side), for the watchdog.
 */
export const PROGRESS_DIR_ENV = 'KIT_PROGRESS_DIR';
/**
 * The only folder graded code may write to (its temp folder and the progress
 * file live there): the grader's test workers run under Node's permission model.
 */
export const WRITABLE_DIR_ENV = 'KIT_WRITABLE_DIR';
