/** What ctr's own error lines mean, as one clear engine error (pure; tested on captured output). */

/** ctr's own error lines (`ctr: …`), as opposed to what the container printed. */
export function ctrErrorLines(stderr: string): string[] {
  return stderr.split('\n').filter((l) => l.startsWith('ctr: ')).map((l) => l.slice(5).trim());
}

const KATA_HINT = 'install Kata Containers 3 (its release tarball or kata-deploy puts containerd-shim-kata-v2 in /opt/kata/bin; '
  + 'link it into a directory on containerd\'s PATH such as /usr/local/bin)';

/** A clear message for a ctr failure: a missing shim names the binary, where it was looked for, and how to install it. */
export function describeCtrFailure(line: string, runtime: string): string {
  const missing = /binary not installed "([^"]+)"/.exec(line)?.[1];
  if (missing) {
    const hint = /kata/.test(missing) ? KATA_HINT : `install ${missing} on containerd's PATH`;
    return `containerd cannot start runtime ${runtime}: its shim ${missing} is not installed (containerd looked on its PATH); ${hint}`;
  }
  return `containerd could not run the container under ${runtime}: ${line}`;
}

/** ctr's lines when the connection to containerd broke. */
export function looksLikeEngineLoss(line: string): boolean {
  return /connection (refused|reset|closed)|transport is closing|error reading from server|Unavailable|EOF/i.test(line);
}
