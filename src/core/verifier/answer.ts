/**
 * Reading what a chat-completions server answered: the message text, the decision in it, and the
 * error bodies Ollama and llama-server send. Anything that is not a clear yes or no is no
 * decision, and the built-in verdict stands.
 */

/** What the model decided about a claim. */
export type Decision = 'supported' | 'unsupported';

/** The assistant's text from a chat-completions response body, or why there is none. */
export function chatContent(body: string): { content: string } | { error: string } {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return { error: 'the response is not JSON' };
  }
  const choice = (json as { choices?: Array<{ message?: { content?: unknown } }> } | null)?.choices?.[0];
  const content = choice?.message?.content;
  if (typeof content !== 'string') {
    const hasError = json !== null && typeof json === 'object' && 'error' in json;
    return { error: hasError ? `the server answered: ${errorMessage(body)}` : 'the response has no message' };
  }
  return { content };
}

/**
 * The message of an error body: `{"error":{"message":…}}` (OpenAI, Ollama's /v1, llama-server,
 * vLLM), `{"error":"…"}` (Ollama's own API), `{"message":…}`, else the start of the text.
 */
export function errorMessage(body: string): string {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return oneLine(body);
  }
  const o = json as { error?: unknown; message?: unknown; detail?: unknown } | null;
  const e = o?.error;
  if (typeof e === 'string') return oneLine(e);
  if (e && typeof e === 'object' && typeof (e as { message?: unknown }).message === 'string') return oneLine((e as { message: string }).message);
  if (typeof o?.message === 'string') return oneLine(o.message);
  if (typeof o?.detail === 'string') return oneLine(o.detail);
  return oneLine(body);
}

function oneLine(s: string, max = 200): string {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > max ? t.slice(0, max - 1) + '…' : t;
}

const YES = /^(?:yes|true|supported|entailed|entailment)$/i;
const NO = /^(?:no|false|unsupported|not[ _-]?supported|refuted|contradicted|not[ _-]?entailed)$/i;

/**
 * The decision in a model's answer: `Yes`/`No` (Bespoke-MiniCheck), or JSON such as
 * `{"supported": true}`, `{"answer": "no"}` (the JSON form; a code fence around it and a
 * `<think>` block before it are allowed). Anything else is undefined: no decision.
 */
export function parseAnswer(content: string): Decision | undefined {
  const text = content.replace(/<think>[\s\S]*?<\/think>/gi, '').trim();
  const braces = /\{[\s\S]*\}/.exec(text);
  if (braces) {
    try {
      return decisionOf(JSON.parse(braces[0]));
    } catch {
      return undefined;
    }
  }
  // the answer's first word: `Yes`, `No.`, `**No**`, `Yes, the document says so`
  const word = /^[\s"'`*_:-]*(yes|no)(?![\w'-])/i.exec(text);
  if (!word) return undefined;
  return word[1]!.toLowerCase() === 'yes' ? 'supported' : 'unsupported';
}

function decisionOf(json: unknown): Decision | undefined {
  if (!json || typeof json !== 'object') return undefined;
  const o = json as Record<string, unknown>;
  for (const field of ['supported', 'answer', 'label', 'verdict', 'result']) {
    const v = o[field];
    if (typeof v === 'boolean') return v ? 'supported' : 'unsupported';
    if (typeof v === 'string') {
      const s = v.trim();
      if (YES.test(s)) return 'supported';
      if (NO.test(s)) return 'unsupported';
      return undefined;
    }
  }
  return undefined;
}
