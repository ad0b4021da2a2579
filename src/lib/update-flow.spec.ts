import { describe, expect, it, vi } from 'vitest';
import { activateAndReloadOnce } from './update-flow';

function fakeWorker() {
	const listeners: (() => void)[] = [];
	return {
		listeners,
		addEventListener: (_type: 'controlling', listener: () => void) => listeners.push(listener),
		messageSkipWaiting: vi.fn(),
		takeControl: () => listeners.forEach((l) => l())
	};
}

describe('activateAndReloadOnce', () => {
	it('asks the waiting worker to activate and does not reload before it controls the page', () => {
		const worker = fakeWorker();
		const reload = vi.fn();
		activateAndReloadOnce(worker, reload);
		expect(worker.messageSkipWaiting).toHaveBeenCalledOnce();
		expect(reload).not.toHaveBeenCalled();
	});

	it('reloads exactly once, however many times control changes', () => {
		const worker = fakeWorker();
		const reload = vi.fn();
		activateAndReloadOnce(worker, reload);
		worker.takeControl();
		worker.takeControl();
		worker.takeControl();
		expect(reload).toHaveBeenCalledOnce();
	});
});
