// Reads a description as text signals: how much it says that is new, how it is structured, what it links to.
import { PLACEHOLDER_WORDS } from "./placeholderWords.ts";

/** What a description says, counted so that repeating or padding text does not count twice. */
export interface DescriptionSignals {
  /** Every word, URLs left out. */
  words: number;
  /**
   * Words that say something new: a word counts when the three words ending at it (within its sentence)
   * have not appeared before, in a sentence of at least three different words. A repeated sentence or
   * paragraph adds nothing, and neither does a run of one or two filler words.
   */
  newWords: number;
  /**
   * Words in placeholder sentences (lorem ipsum): at least half of a sentence's words, and four or more,
   * from PLACEHOLDER_WORDS. They count among `words` but are never new, however new they look.
   */
  placeholderWords: number;
  /** Distinct paragraphs that add at least four new words from at least three different words. */
  paragraphs: number;
  /** Distinct list items and headings, counted by the same rule as paragraphs. */
  listItems: number;
  /** Distinct http(s) URLs in the text, normalised (case, `www.`, trailing slash and fragment ignored). */
  urls: readonly string[];
}

const URL_PATTERN = /https?:\/\/[^\s<>()[\]"'`]+/giu;
const WORD_PATTERN = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;
const LIST_ITEM = /^\s*(?:[-*+•]|\d{1,3}[.)])\s+/u;
const HEADING = /^\s*#{1,6}\s+/u;
const SENTENCE_END = /[.!?;:]+(?=\s|$)/u;
const MIN_DISTINCT_WORDS_PER_SENTENCE = 3;
const MIN_NEW_WORDS_PER_BLOCK = 4;
const MIN_DISTINCT_WORDS_PER_BLOCK = 3;
const MIN_PLACEHOLDER_WORDS_PER_SENTENCE = 4;

/** Reads `description` (Markdown or plain text) into counts; never throws. */
export function readDescription(description: string): DescriptionSignals {
  const urls = new Set<string>();
  for (const match of description.matchAll(URL_PATTERN)) urls.add(normaliseUrl(match[0]));
  const text = description.replace(URL_PATTERN, " ");

  const seenTrigrams = new Set<string>();
  const seenBlocks = new Set<string>();
  let words = 0;
  let newWords = 0;
  let paragraphs = 0;
  let listItems = 0;
  let placeholderWords = 0;

  const readBlock = (lines: readonly string[], isListItem: boolean): void => {
    if (lines.length === 0) return;
    let blockNewWords = 0;
    const blockWords: string[] = [];
    for (const sentence of lines.join("\n").split(SENTENCE_END)) {
      const sentenceWords = Array.from(sentence.matchAll(WORD_PATTERN), (match) => match[0].toLowerCase());
      blockWords.push(...sentenceWords);
      words += sentenceWords.length;
      // Filler such as "very very very" or "great, great, great" says nothing, however long it runs.
      if (new Set(sentenceWords).size < MIN_DISTINCT_WORDS_PER_SENTENCE) continue;
      // Nor does lorem ipsum, which is new words that say nothing.
      // Counted until the other words are more than half: then the sentence is not placeholder.
      let placeholder = 0;
      let other = 0;
      for (const word of sentenceWords) {
        if (PLACEHOLDER_WORDS.has(word)) placeholder += 1;
        else if (++other * 2 > sentenceWords.length) break;
      }
      if (placeholder >= MIN_PLACEHOLDER_WORDS_PER_SENTENCE && other * 2 <= sentenceWords.length) {
        placeholderWords += sentenceWords.length;
        continue;
      }
      let before2 = "\u0000";
      let before1 = "\u0000";
      for (const word of sentenceWords) {
        const trigram = `${before2} ${before1} ${word}`;
        if (!seenTrigrams.has(trigram)) {
          seenTrigrams.add(trigram);
          blockNewWords += 1;
        }
        before2 = before1;
        before1 = word;
      }
    }
    newWords += blockNewWords;
    const key = blockWords.join(" ");
    if (seenBlocks.has(key)) return;
    seenBlocks.add(key);
    if (blockNewWords < MIN_NEW_WORDS_PER_BLOCK || new Set(blockWords).size < MIN_DISTINCT_WORDS_PER_BLOCK)
      return;
    if (isListItem) listItems += 1;
    else paragraphs += 1;
  };

  let paragraph: string[] = [];
  for (const line of text.split(/\r\n|\r|\n/u)) {
    if (line.trim() === "") {
      readBlock(paragraph, false);
      paragraph = [];
    } else if (LIST_ITEM.test(line) || HEADING.test(line)) {
      readBlock(paragraph, false);
      paragraph = [];
      readBlock([line.replace(LIST_ITEM, "").replace(HEADING, "")], true);
    } else {
      paragraph.push(line);
    }
  }
  readBlock(paragraph, false);

  return { words, newWords, placeholderWords, paragraphs, listItems, urls: [...urls].sort() };
}

/** The form of a URL used to tell distinct links apart. */
export function normaliseUrl(url: string): string {
  return url
    .trim()
    .toLowerCase()
    .replace(/[.,;:!?*_~]+$/u, "")
    .replace(/#.*$/u, "")
    .replace(/^https?:\/\/(?:www\.)?/u, "")
    .replace(/\/+$/u, "");
}
