import { createWriteStream, type WriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';

// The files of an export, written as the rows come: text is gathered into chunks of ≈64 KiB and
// handed to the stream, waiting when the disk is behind, so memory stays flat however many rows.

const CHUNK = 1 << 16;

export class OutFile {
  private readonly stream: WriteStream;
  private buffer = '';
  private failed: Error | undefined;
  private closed = false;
  readonly path: string;

  constructor(path: string) {
    this.path = path;
    this.stream = createWriteStream(path, { flags: 'wx' });
    this.stream.on('error', (e) => { this.failed = e; });
  }

  /** Appends text; resolves at once unless a chunk had to wait for the disk. */
  async write(text: string): Promise<void> {
    this.buffer += text;
    if (this.buffer.length < CHUNK) return;
    await this.flush();
  }

  private async flush(): Promise<void> {
    if (this.failed) throw this.failed;
    const chunk = this.buffer;
    this.buffer = '';
    // One pair of listeners per wait, both removed after it (a listener left per chunk piled up).
    if (chunk && !this.stream.write(chunk)) {
      await new Promise<void>((res, rej) => {
        const done = (e?: Error) => { this.stream.off('drain', done); this.stream.off('error', done); if (e) rej(e); else res(); };
        this.stream.on('drain', done);
        this.stream.on('error', done);
      });
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.flush();
    await new Promise<void>((res, rej) => this.stream.end((e?: Error | null) => (e ? rej(e) : res())));
    if (this.failed) throw this.failed;
  }

  /** Closes and deletes it (a failed export leaves no partial files). */
  async discard(): Promise<void> {
    this.stream.destroy();
    await rm(this.path, { force: true });
  }
}

/** One file per table, named after it: characters a file name cannot safely hold become `_`,
 *  and names that would collide (case-insensitive file systems too) get `-2`, `-3`, …. */
export class FileNames {
  private readonly used = new Set<string>();
  private readonly names = new Map<string, string>();
  private readonly dir: string;
  private readonly ext: string;
  constructor(dir: string, ext: string) {
    this.dir = dir;
    this.ext = ext;
  }

  of(table: string): { name: string; path: string } {
    let name = this.names.get(table);
    if (!name) {
      const base = table.replace(/[^A-Za-z0-9_.-]/g, '_').replace(/^\.+/, '_') || '_';
      name = `${base}.${this.ext}`;
      for (let k = 2; this.used.has(name.toLowerCase()); k++) name = `${base}-${k}.${this.ext}`;
      this.used.add(name.toLowerCase());
      this.names.set(table, name);
    }
    return { name, path: join(this.dir, name) };
  }
}
