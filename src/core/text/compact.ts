/** Strings held for long, made as small as their characters allow. */

const encoder = new TextEncoder();
// a leading U+FEFF is part of the text, kept as it is
const decoder = new TextDecoder('utf-8', { ignoreBOM: true });

/** Below this length V8 makes a string joined with `+` flat (and a slice a copy). */
const SHORT = 13;

/**
 * The same text as a flat string of its own, one byte a character where every character fits in
 * one: a string cut from a text with a character outside Latin-1 (a curly quote) keeps two bytes a
 * character after the character is gone, and so does every string joined with it; a slice of 13
 * characters or more keeps the whole string it was cut from alive, and a string built with `+=`
 * its pieces. Decoding its UTF-8 makes a new one.
 */
export function compactString(text: string): string {
  if (text.length < SHORT) {
    // joined a character at a time: V8 keeps a short string of one-byte characters flat and one
    // byte a character (several times faster than through UTF-8, and most strings made so are terms)
    let copy = '';
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c > 0xff) return text;
      copy += String.fromCharCode(c);
    }
    return copy;
  }
  const copy = decoder.decode(encoder.encode(text));
  // a lone surrogate would come back as U+FFFD
  return copy === text ? copy : text;
}
