/**
 * A model server on 127.0.0.1 for the tests: it speaks the OpenAI chat-completions protocol as
 * Ollama (`/v1/chat/completions`) and llama.cpp's llama-server do, with their error bodies, and
 * answers from a fixed table. It counts and keeps every request.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Flavour = 'ollama' | 'llama-server';

/** How the server behaves for a request. */
export type Behaviour =
  | { answer: string; delayMs?: number } // a chat completion with this content (after a delay)
  | { status: number } // an error, with the flavour's error body
  | { malformed: true } // a 200 whose body is cut off mid-JSON
  | { hang: true }; // headers never sent (until the client gives up)

export interface ModelRequest {
  path: string;
  body: { model: string; messages: Array<{ role: string; content: string }>; [k: string]: unknown };
  /** The claim, read back out of the prompt. */
  claim: string;
  /** The document, read back out of the prompt. */
  document: string;
}

export interface ModelServer {
  /** Base URL, as a writer would set it: `http://127.0.0.1:PORT/v1`. */
  endpoint: string;
  requests: ModelRequest[];
  /** The most requests that were open at once. */
  maxOpen: number;
  /** Requests left hanging that the client then gave up (timed out or cancelled). */
  aborted: number;
  close(): Promise<void>;
}

/** The error bodies each server sends (as they send them, for a model that failed to load). */
function errorBody(flavour: Flavour, status: number, model: string): unknown {
  if (flavour === 'ollama') {
    const message = status === 404 ? `model "${model}" not found, try pulling it first` : 'llama runner process has terminated: signal: killed';
    return { error: { message, type: 'api_error', param: null, code: null } };
  }
  if (status === 503) return { error: { code: 503, message: 'Loading model', type: 'unavailable_error' } };
  return { error: { code: status, message: 'failed to decode the prompt: context shift is disabled', type: 'server_error' } };
}

function completion(flavour: Flavour, model: string, content: string): unknown {
  const created = 1764576000;
  const base = { id: 'chatcmpl-123', object: 'chat.completion', created, model, choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }], usage: { prompt_tokens: 40, completion_tokens: 1, total_tokens: 41 } };
  return flavour === 'ollama' ? { ...base, system_fingerprint: 'fp_ollama' } : { ...base, system_fingerprint: 'b6000-abcdef', timings: { prompt_n: 40, predicted_n: 1 } };
}

/** The claim and document of a prompt in either form (`Document: …\nClaim: …` or the JSON form's). */
function readPrompt(messages: Array<{ role: string; content: string }>): { claim: string; document: string } {
  const user = messages.filter((m) => m.role === 'user').at(-1)?.content ?? '';
  const m = /^Document:\s*([\s\S]*?)\n+Claim:\s*([\s\S]*)$/.exec(user);
  return m ? { document: m[1]!.trim(), claim: m[2]!.trim() } : { document: '', claim: user };
}

/**
 * Starts a server. `behave(claim, request)` says what to do; by default, `table[claim]` is the
 * answer and a claim not in the table gets "I cannot tell."
 */
export async function startModelServer(options: { flavour?: Flavour; table?: Record<string, string>; behave?: (req: ModelRequest) => Behaviour } = {}): Promise<ModelServer> {
  const flavour = options.flavour ?? 'ollama';
  const requests: ModelRequest[] = [];
  const open = new Set<ServerResponse>();
  const state = { aborted: 0, open: 0, maxOpen: 0 };
  const behave = options.behave ?? ((r: ModelRequest): Behaviour => ({ answer: options.table?.[r.claim] ?? 'I cannot tell.' }));
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (raw += c));
    req.on('end', () => {
      const send = (status: number, body: string) => {
        res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
        res.end(body);
      };
      const path = req.url ?? '';
      if (req.method !== 'POST' || path !== '/v1/chat/completions') {
        // Ollama answers an unknown path with a plain 404 page; llama-server with its JSON error
        return send(404, flavour === 'ollama' ? '404 page not found' : JSON.stringify({ error: { code: 404, message: 'File Not Found', type: 'not_found_error' } }));
      }
      let body: ModelRequest['body'];
      try {
        body = JSON.parse(raw);
      } catch {
        return send(400, JSON.stringify({ error: { message: 'invalid JSON', type: 'invalid_request_error' } }));
      }
      const request: ModelRequest = { path, body, ...readPrompt(body.messages ?? []) };
      requests.push(request);
      state.maxOpen = Math.max(state.maxOpen, ++state.open);
      res.on('close', () => state.open--);
      const b = behave(request);
      if ('hang' in b) {
        open.add(res);
        res.on('close', () => {
          open.delete(res);
          state.aborted++;
        });
        return;
      }
      if ('status' in b) return send(b.status, JSON.stringify(errorBody(flavour, b.status, body.model)));
      if ('malformed' in b) return send(200, '{"id":"chatcmpl-1","choices":[{"index":0,"message":{"role":"assist');
      const reply = () => send(200, JSON.stringify(completion(flavour, body.model, b.answer)));
      if (b.delayMs) setTimeout(reply, b.delayMs);
      else reply();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}/v1`,
    requests,
    get aborted() {
      return state.aborted;
    },
    get maxOpen() {
      return state.maxOpen;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of open) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A URL on 127.0.0.1 where nothing listens (the port of a server just closed). */
export async function refusedEndpoint(): Promise<string> {
  const s = createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return `http://127.0.0.1:${port}/v1`;
}
