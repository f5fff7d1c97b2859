// Provided by the exercise: leave this file as it is. The injection tokens
// the controller asks for: one per dependency.
export const DATABASE = Symbol('DATABASE');
export const FEATURE_FLAGS = Symbol('FEATURE_FLAGS');
export const CACHE = Symbol('CACHE');
