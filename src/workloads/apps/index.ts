/**
 * The application workloads (issue 10), one file each: the spec (image inputs and arguments)
 * and, for the servers measured with a client on the host, the measurement and its client's
 * output parser side by side. The others are timed inside the target by `apprun time` and go
 * through the default run-and-parse measurement.
 */
import type { Measurement } from '../../measure/measurement.js';
import type { WorkloadSpec } from '../types.js';
import { build } from './build.js';
import { ffmpeg } from './ffmpeg.js';
import { memaccess } from './memaccess.js';
import { measureNginx, nginx } from './nginx.js';
import { python } from './python.js';
import { measureRedis, redis } from './redis.js';
import { sqlite } from './sqlite.js';

export const APP_WORKLOADS: readonly WorkloadSpec[] = [redis, nginx, sqlite, build, python, ffmpeg, memaccess];

/** Workloads whose trials are measured from the host by their own measurement (the rest: run and parse). */
export const APP_MEASUREMENTS: Readonly<Record<string, Measurement>> = { redis: measureRedis, nginx: measureNginx };
