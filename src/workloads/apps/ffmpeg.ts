/**
 * ffmpeg: a fixed transcode of a synthetic source (lavfi testsrc) with libx264 on one thread,
 * to the null muxer: the CPU-bound application. Frames per second of the whole run, process
 * start and library loading (ffmpeg links ~200 shared libraries here) included.
 */
import type { WorkloadSpec } from '../types.js';
import { appProgram } from './app-program.js';
import { APP_NEEDS, opsMetric, timedArgs } from './timed.js';

const FFMPEG = '/usr/bin/ffmpeg';
export const FFMPEG_FRAMES = 60;
const SIZE = '320x180';

export const FFMPEG_PROGRAM = appProgram('ffmpeg', (files) => files.add(FFMPEG));

export function ffmpegArgv(frames: number): string[] {
  return [FFMPEG, '-nostdin', '-hide_banner', '-loglevel', 'error', '-filter_threads', '1', '-f', 'lavfi',
    '-i', `testsrc=size=${SIZE}:rate=30`, '-frames:v', String(frames), '-c:v', 'libx264', '-preset', 'veryfast',
    '-threads', '1', '-f', 'null', '-'];
}

export const ffmpeg: WorkloadSpec = {
  id: 'ffmpeg',
  description: `ffmpeg: ${FFMPEG_FRAMES} frames of lavfi testsrc (${SIZE}) encoded with libx264 (veryfast, 1 thread)`,
  binary: 'apprun',
  program: FFMPEG_PROGRAM,
  metrics: [opsMetric('x264_fps', `frames per second of the whole run (${FFMPEG_FRAMES} frames, start-up included)`)],
  needsScratch: false,
  args: (budget) => timedArgs(budget, [{ metric: 'x264_fps', unit: 'ops/s', ops: FFMPEG_FRAMES, argv: ffmpegArgv(FFMPEG_FRAMES) }]),
  container: { ...APP_NEEDS, readonlyRootfs: true, tmpfs: {} },
};
