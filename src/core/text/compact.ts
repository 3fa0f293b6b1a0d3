/** Strings held for long, made as small as their characters allow. */

const encoder = new TextEncoder();
// a leading U+FEFF is part of the text, kept as it is
const decoder = new TextDecoder('utf-8', { ignoreBOM: true });

/**
 * The same text as a flat string of its own, one byte a character where every character fits in
 * one: a string cut from a text with a character outside Latin-1 (a curly quote) keeps two bytes a
 * character after the character is gone, and so does every string joined with it; a slice of 13
 * characters or more keeps the whole string it was cut from alive, and a string built with `+=`
 * its pieces. Decoding its UTF-8 makes a new one.
 */
export function compactString(text: string): string {
  const copy = decoder.decode(encoder.encode(text));
  // a lone surrogate would come back as U+FFFD
  return copy === text ? copy : text;
}
