/**
 * The first module the worker evaluates: marks the moment its script starts running, so
 * a benchmark can time the worker's start (script start → classifier ready) through the
 * User Timing entries (`performance.getEntriesByType('mark')`) alone. A mark costs a few
 * microseconds and the worker's timeline holds only the handful of marks of WORKER_MARKS.
 */
import { WORKER_MARKS } from './worker-marks.js';

performance.mark(WORKER_MARKS.scriptStart);
