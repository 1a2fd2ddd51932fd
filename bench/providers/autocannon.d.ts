// The little of autocannon 9 that the benchmark uses (the package ships no types).
declare module 'autocannon' {
	interface Options {
		url: string;
		connections?: number;
		duration?: number;
		headers?: Record<string, string>;
	}
	interface Histogram {
		average: number;
		p50: number;
		p99: number;
		max: number;
	}
	interface Result {
		requests: Histogram & { total: number };
		latency: Histogram;
		throughput: Histogram;
		non2xx: number;
		errors: number;
		timeouts: number;
	}
	function autocannon(options: Options): Promise<Result>;
	export default autocannon;
}
