export declare const REPORTS_CHANNEL: string;
export declare function countPrimes(task: { below: number }): { below: number; count: number };
export default countPrimes;
