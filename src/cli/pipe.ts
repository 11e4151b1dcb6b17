// `seedbed schema | head -1`: the reader closing the pipe is not an error. Stop writing and exit
// quietly (status 0, as `cat` would with SIGPIPE ignored), instead of crashing on EPIPE.

export function exitQuietlyOnClosedPipe(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw e;
    });
  }
}
