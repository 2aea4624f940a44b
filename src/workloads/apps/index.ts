/**
 * The application workloads (issue 10), one file each: the spec (image inputs and arguments)
 * and, for the servers measured with a client on the host (`hostMeasured: 'redis' | 'nginx'`,
 * registered in src/measure/registry.ts), the measurement and its client's output parser side by
 * side. The others are timed inside the target by `apprun time` and go through the default
 * run-and-parse measurement.
 */
import type { WorkloadSpec } from '../types.js';
import { build } from './build.js';
import { ffmpeg } from './ffmpeg.js';
import { memaccess } from './memaccess.js';
import { nginx } from './nginx.js';
import { python } from './python.js';
import { redis } from './redis.js';
import { sqlite } from './sqlite.js';

export const APP_WORKLOADS: readonly WorkloadSpec[] = [redis, nginx, sqlite, build, python, ffmpeg, memaccess];
