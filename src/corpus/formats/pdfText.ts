import { Worker } from 'node:worker_threads';

/** A text item of a PDF page as PDF.js gives it: the string, whether a line ends after it, its baseline and height. */
export interface PdfTextItem {
  str: string;
  hasEOL: boolean;
  y: number;
  height: number;
}

/** A PDF's text items page by page, and what its information dictionary says. */
export interface PdfText {
  pages: PdfTextItem[][];
  info: { title?: unknown; author?: unknown; creationDate?: unknown };
}

type Reply = { id: number; error: string } | ({ id: number } & PdfText);

let worker: Worker | undefined;
let nextId = 0;
const pending = new Map<number, { resolve: (text: PdfText) => void; reject: (error: Error) => void }>();

/**
 * The text items of a PDF, read by PDF.js in a worker thread (see pdfWorker.mjs) so that the event loop
 * stays free. One worker serves every PDF; it holds the process open only while a PDF is being read.
 * Rejects with the reason PDF.js gives for a damaged file.
 */
export function readPdfText(bytes: Uint8Array): Promise<PdfText> {
  const thread = pdfWorker();
  const id = nextId++;
  const copy = new Uint8Array(bytes);
  return new Promise<PdfText>((resolve, reject) => {
    pending.set(id, { resolve, reject });
    thread.ref();
    thread.postMessage({ id, bytes: copy }, [copy.buffer]);
  });
}

function pdfWorker(): Worker {
  if (worker) return worker;
  const thread = new Worker(new URL('./pdfWorker.mjs', import.meta.url));
  thread.unref();
  thread.on('message', (reply: Reply) => {
    const request = pending.get(reply.id);
    pending.delete(reply.id);
    if (pending.size === 0) thread.unref();
    if ('error' in reply) request?.reject(new Error(reply.error));
    else request?.resolve({ pages: reply.pages, info: reply.info });
  });
  const fail = (error: Error) => {
    if (worker === thread) worker = undefined;
    for (const request of pending.values()) request.reject(error);
    pending.clear();
  };
  thread.on('error', fail);
  thread.on('exit', (code) => fail(new Error(`PDF reader stopped (exit code ${code})`)));
  worker = thread;
  return thread;
}
