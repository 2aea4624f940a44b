/**
 * Splits Docker's multiplexed log stream (no TTY): frames of an 8-byte header
 * [stream type, 0, 0, 0, size (uint32 big-endian)] followed by `size` bytes.
 * Type 1 is stdout, 2 is stderr.
 */
export function demuxDockerStream(raw: Buffer): { stdout: string; stderr: string } {
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  let offset = 0;
  while (offset + 8 <= raw.length) {
    const type = raw[offset];
    const size = raw.readUInt32BE(offset + 4);
    const frame = raw.subarray(offset + 8, offset + 8 + size);
    if (type === 2) err.push(frame);
    else out.push(frame);
    offset += 8 + size;
  }
  return { stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') };
}
