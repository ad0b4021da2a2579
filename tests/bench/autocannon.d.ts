// The part of autocannon 9's API the bench uses (it ships no types; @types/autocannon lags behind).
declare module 'autocannon' {
	interface Histogram {
		average: number;
		total: number;
		p50: number;
		p99: number;
	}
	interface Result {
		requests: Histogram;
		latency: Histogram;
		non2xx: number;
		errors: number;
		statusCodeStats?: Record<string, { count: number }>;
	}
	interface Options {
		url: string;
		method?: 'GET' | 'POST';
		headers?: Record<string, string>;
		body?: string;
		connections?: number;
		duration?: number;
		amount?: number;
		requests?: { setupRequest?: (req: Record<string, unknown>) => Record<string, unknown> }[];
	}
	export default function autocannon(options: Options): Promise<Result>;
}
