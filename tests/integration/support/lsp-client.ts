/**
 * A minimal Language Server Protocol client over stdio (JSON-RPC 2.0 with `Content-Length` framing),
 * enough to drive a language server the way an editor does: requests with timeouts, notifications,
 * answers to the server's own requests (`workspace/configuration`, `workspace/applyEdit`), and a
 * bounded shutdown that kills the process if it does not exit.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export interface TextEdit {
  range: Range;
  newText: string;
}

export interface WorkspaceEdit {
  changes?: Record<string, TextEdit[]>;
  documentChanges?: { textDocument: { uri: string; version: number | null }; edits: TextEdit[] }[];
}

export interface Message {
  jsonrpc: '2.0';
  id?: number | string | null;
  method?: string;
  params?: unknown;
  result?: unknown;
  error?: { code: number; message: string; data?: unknown };
}

type RequestHandler = (params: unknown) => unknown;

export interface LspClientOptions {
  command: string;
  args: readonly string[];
  cwd: string;
  env?: NodeJS.ProcessEnv;
  /** Default timeout of a request, in ms. */
  timeout?: number;
}

const METHOD_NOT_FOUND = -32601;
const INTERNAL_ERROR = -32603;

export class LspClient {
  /** Every notification the server sent, in order. */
  readonly notifications: { method: string; params: unknown }[] = [];
  /** Every request the server sent (method and params), in order. */
  readonly serverRequests: { method: string; params: unknown }[] = [];
  private readonly process: ChildProcessWithoutNullStreams;
  private readonly timeout: number;
  private buffer = Buffer.alloc(0);
  private nextId = 1;
  private readonly pending = new Map<number, { method: string; resolve: (value: unknown) => void; reject: (error: Error) => void; timer: NodeJS.Timeout }>();
  private readonly handlers = new Map<string, RequestHandler>();
  private readonly waiters = new Set<{ method: string; predicate: (params: unknown) => boolean; resolve: (params: unknown) => void }>();
  private stderr = '';
  private exitCode: number | null | undefined;
  private readonly exited: Promise<void>;

  constructor(options: LspClientOptions) {
    this.timeout = options.timeout ?? 30_000;
    this.process = spawn(options.command, [...options.args], { cwd: options.cwd, env: options.env ?? process.env, stdio: 'pipe' });
    this.process.stdout.on('data', (chunk: Buffer) => this.receive(chunk));
    this.process.stderr.on('data', (chunk: Buffer) => {
      this.stderr = (this.stderr + chunk.toString('utf8')).slice(-20_000);
    });
    this.exited = new Promise((resolve) => {
      this.process.on('exit', (code, signal) => {
        this.exitCode = code ?? (signal ? -1 : null);
        const error = new Error(`language server exited (${signal ?? `code ${code}`})${this.stderr ? `; stderr:\n${this.stderr}` : ''}`);
        for (const entry of this.pending.values()) {
          clearTimeout(entry.timer);
          entry.reject(error);
        }
        this.pending.clear();
        resolve();
      });
    });
    this.process.on('error', () => {
      // Reported through 'exit' (or a request timeout when the process never started).
    });
  }

  /** Answers the server's requests of `method` (the handler's return value, or what it resolves to). */
  onRequest(method: string, handler: RequestHandler): void {
    this.handlers.set(method, handler);
  }

  request<T = unknown>(method: string, params: unknown, timeout = this.timeout): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      if (this.exitCode !== undefined) {
        reject(new Error(`language server has exited; cannot send ${method}`));
        return;
      }
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`${method} timed out after ${timeout} ms${this.stderr ? `; server stderr:\n${this.stderr}` : ''}`));
      }, timeout);
      this.pending.set(id, { method, resolve: resolve as (value: unknown) => void, reject, timer });
      this.send({ jsonrpc: '2.0', id, method, params });
    });
  }

  notify(method: string, params: unknown): void {
    this.send({ jsonrpc: '2.0', method, params });
  }

  /** The first notification of `method` (already received or still to come) that matches. */
  waitForNotification<T = unknown>(method: string, predicate: (params: T) => boolean = () => true, timeout = this.timeout): Promise<T> {
    const seen = this.notifications.find((n) => n.method === method && predicate(n.params as T));
    if (seen) return Promise.resolve(seen.params as T);
    return new Promise<T>((resolve, reject) => {
      const waiter = {
        method,
        predicate: (params: unknown) => predicate(params as T),
        resolve: (params: unknown) => {
          clearTimeout(timer);
          resolve(params as T);
        },
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(new Error(`no ${method} notification within ${timeout} ms`));
      }, timeout);
      this.waiters.add(waiter);
    });
  }

  /** What the server wrote to stderr (the last 20 kB), for failure messages. */
  get serverStderr(): string {
    return this.stderr;
  }

  /** `shutdown` then `exit`, as an editor does; kills the server if it is still running after `timeout` ms. */
  async stop(timeout = 5_000): Promise<void> {
    if (this.exitCode !== undefined) return;
    try {
      await this.request('shutdown', null, timeout);
      this.notify('exit', null);
    } catch {
      // The server is unresponsive: fall through to kill.
    }
    const timer = setTimeout(() => this.process.kill('SIGKILL'), timeout);
    await this.exited;
    clearTimeout(timer);
  }

  private send(message: Message): void {
    const body = Buffer.from(JSON.stringify(message), 'utf8');
    this.process.stdin.write(Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]));
  }

  private receive(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const headerEnd = this.buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const header = this.buffer.subarray(0, headerEnd).toString('ascii');
      const length = /content-length:\s*(\d+)/iu.exec(header)?.[1];
      if (length === undefined) throw new Error(`LSP message without Content-Length: ${header}`);
      const start = headerEnd + 4;
      const end = start + Number(length);
      if (this.buffer.length < end) return;
      const message = JSON.parse(this.buffer.subarray(start, end).toString('utf8')) as Message;
      this.buffer = this.buffer.subarray(end);
      this.dispatch(message);
    }
  }

  private dispatch(message: Message): void {
    if (message.method !== undefined && message.id !== undefined && message.id !== null) {
      void this.answer(message.id, message.method, message.params);
    } else if (message.method !== undefined) {
      this.notifications.push({ method: message.method, params: message.params });
      for (const waiter of this.waiters) {
        if (waiter.method === message.method && waiter.predicate(message.params)) {
          this.waiters.delete(waiter);
          waiter.resolve(message.params);
        }
      }
    } else if (typeof message.id === 'number') {
      const entry = this.pending.get(message.id);
      if (!entry) return;
      this.pending.delete(message.id);
      clearTimeout(entry.timer);
      if (message.error) entry.reject(new Error(`${entry.method} failed: ${message.error.message} (${message.error.code})`));
      else entry.resolve(message.result ?? null);
    }
  }

  private async answer(id: number | string, method: string, params: unknown): Promise<void> {
    this.serverRequests.push({ method, params });
    const handler = this.handlers.get(method);
    if (!handler) {
      this.send({ jsonrpc: '2.0', id, error: { code: METHOD_NOT_FOUND, message: `Unhandled method ${method}` } });
      return;
    }
    try {
      this.send({ jsonrpc: '2.0', id, result: (await handler(params)) ?? null });
    } catch (error) {
      this.send({ jsonrpc: '2.0', id, error: { code: INTERNAL_ERROR, message: String(error) } });
    }
  }
}

// ---------------------------------------------------------------------------------------------------
// Text helpers (positions are UTF-16 code units, as in JavaScript strings and LSP's default encoding)

/** The offset of an LSP position in `text`. */
export function offsetAt(text: string, position: Position): number {
  let offset = 0;
  for (let line = 0; line < position.line; line++) {
    const next = text.indexOf('\n', offset);
    if (next < 0) return text.length;
    offset = next + 1;
  }
  return Math.min(offset + position.character, text.length);
}

/** The LSP position of an offset in `text`. */
export function positionAt(text: string, offset: number): Position {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}

/** Applies non-overlapping text edits (in any order) to `text`. */
export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  const resolved = edits
    .map((edit) => ({ start: offsetAt(text, edit.range.start), end: offsetAt(text, edit.range.end), newText: edit.newText }))
    .sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  let limit = Infinity;
  for (const edit of resolved) {
    if (edit.end > limit) throw new Error('overlapping text edits');
    out = out.slice(0, edit.start) + edit.newText + out.slice(edit.end);
    limit = edit.start;
  }
  return out;
}

/** The text edits a WorkspaceEdit makes to the document `uri`, in either of its two forms. */
export function editsFor(edit: WorkspaceEdit, uri: string): TextEdit[] {
  const fromChanges = edit.changes?.[uri] ?? [];
  const fromDocumentChanges = (edit.documentChanges ?? []).filter((change) => change.textDocument.uri === uri).flatMap((change) => change.edits);
  return [...fromChanges, ...fromDocumentChanges];
}
