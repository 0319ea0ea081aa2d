package org.tend.bench;

import java.util.List;
import java.util.Random;

/**
 * Journal-like ASCII prose from a seeded word list, so every run writes and searches the same
 * text. No word contains {@code needle} or {@code words}, so only text given {@link #NEEDLE}
 * matches the benchmarks' search query.
 */
final class JournalText {
  /** The phrase the search benchmark looks for; planted only where a benchmark puts it. */
  static final String NEEDLE = "needle words";

  private static final List<String> VOCABULARY = List.of(
      "today", "I", "felt", "tired", "after", "the", "meeting", "and", "we", "talked", "about",
      "what", "happened", "last", "week", "my", "chest", "was", "tight", "when", "she", "said",
      "it", "again", "so", "took", "a", "walk", "by", "river", "noticed", "breath", "slowing",
      "down", "later", "called", "him", "apologised", "for", "tone", "he", "listened", "which",
      "helped", "more", "than", "expected", "still", "feel", "some", "shame", "but", "less",
      "tomorrow", "want", "to", "ask", "them", "space", "before", "decide", "anything", "there",
      "is", "pattern", "here", "every", "time", "plans", "change", "late", "get", "defensive",
      "stomach", "drops", "shoulders", "rise", "need", "rest", "quiet", "kindness", "clarity",
      "group", "agreed", "meet", "on", "Thursday", "kitchen", "soup", "together", "grateful",
      "honest", "scared", "angry", "calm", "sad", "hopeful", "slept", "badly", "woke", "early",
      "wrote", "letter", "did", "not", "send", "yet", "remembered", "mother", "voice", "garden",
      "rain", "window", "tea", "cold", "hands", "warm", "friend", "laughed", "cried", "little",
      "then", "bus", "work", "boundary", "repair", "conflict", "trust", "listen", "slowly",
      "because", "maybe", "really", "enough", "small", "step", "this", "morning", "evening",
      "night", "body", "heart", "head", "jaw", "clenched", "unclench", "stretch", "sit", "with",
      "feeling", "name", "notice", "without", "judging", "of", "in", "at", "from", "our", "us",
      "they", "you", "your", "their", "if", "could", "would", "should", "might", "will", "have",
      "had", "been", "being", "very", "much", "many", "few", "other", "same", "new", "old");

  private final Random random;

  JournalText(long seed) {
    this.random = new Random(seed);
  }

  /** Sentences of random words, exactly {@code bytes} long (ASCII, so bytes = chars). */
  String next(int bytes) {
    StringBuilder text = new StringBuilder(bytes + 32);
    int wordsLeftInSentence = 0;
    while (text.length() < bytes) {
      if (wordsLeftInSentence == 0) {
        if (text.length() > 0) {
          text.append(". ");
        }
        wordsLeftInSentence = 6 + random.nextInt(14);
      } else {
        text.append(' ');
      }
      text.append(VOCABULARY.get(random.nextInt(VOCABULARY.size())));
      wordsLeftInSentence--;
    }
    text.setLength(bytes);
    return text.toString();
  }

  /** Like {@link #next(int)}, with {@link #NEEDLE} planted near the middle. */
  String nextWithNeedle(int bytes) {
    String filler = next(bytes - NEEDLE.length() - 2);
    int middle = filler.indexOf(' ', filler.length() / 2);
    int at = middle < 0 ? filler.length() : middle;
    return filler.substring(0, at) + ' ' + NEEDLE + ' ' + filler.substring(at);
  }
}
