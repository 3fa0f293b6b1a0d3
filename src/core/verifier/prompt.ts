/**
 * What is sent to the model server: an OpenAI chat-completions request body, in the form the
 * model expects.
 *
 * - Models named like `bespoke-minicheck` get Bespoke-MiniCheck's own form, one user message
 *   `Document: …` / `Claim: …`, and answer `Yes` or `No`.
 * - Any other model gets {@link JSON_SYSTEM_PROMPT} as the system message, the document and the
 *   claim as the user message, and is asked to answer `{"supported": true}` or
 *   `{"supported": false}`.
 */
import type { VerifierQuestion } from './band';

/** The two prompt forms. */
export type PromptForm = 'minicheck' | 'json';

/** A chat message of the OpenAI chat-completions protocol. */
export interface ChatMessage {
  role: 'system' | 'user';
  content: string;
}

/** The body of a `POST <endpoint>/chat/completions` request. */
export interface ChatRequest {
  model: string;
  messages: ChatMessage[];
  temperature: number;
  max_tokens: number;
  stream: false;
}

/** The system message of the JSON form. */
export const JSON_SYSTEM_PROMPT =
  'You check facts. Read the document and the claim. The claim is supported only if everything it states is stated in the document or follows directly from it; a claim that adds a name, number, date, place or relation the document does not state is not supported. Answer with JSON only, no other text: {"supported": true} or {"supported": false}.';

/** Which form a model gets, by its name (`bespoke-minicheck`, `bespoke-minicheck:7b`, `Bespoke-MiniCheck-7B.gguf`). */
export function promptForm(model: string): PromptForm {
  return /mini[-_ ]?check/i.test(model) ? 'minicheck' : 'json';
}

/** The evidence passages as one document, in the order given (best first). */
export function documentOf(q: Pick<VerifierQuestion, 'passages'>): string {
  return q.passages.join('\n');
}

/** The request that asks `model` whether the question's passages support its claim. */
export function chatRequest(model: string, q: Pick<VerifierQuestion, 'claim' | 'passages'>): ChatRequest {
  const document = documentOf(q);
  if (promptForm(model) === 'minicheck') {
    return { model, messages: [{ role: 'user', content: `Document: ${document}\nClaim: ${q.claim}` }], temperature: 0, max_tokens: 4, stream: false };
  }
  return {
    model,
    messages: [
      { role: 'system', content: JSON_SYSTEM_PROMPT },
      { role: 'user', content: `Document:\n${document}\n\nClaim:\n${q.claim}` },
    ],
    temperature: 0,
    max_tokens: 256,
    stream: false,
  };
}
