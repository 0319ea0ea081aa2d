package org.tend.node.collective;

/** Hard limits on membership documents, each tested at the limit and one past it. */
final class MembershipLimits {
  /**
   * Largest signed document in bytes: one rotation part of {@link #MAX_RECIPIENTS_PER_PART}
   * recipients fits with {@link #MAX_PARENTS} parents, and a one-document rotation for about
   * 300 members.
   */
  static final int MAX_DOCUMENT_BYTES = 64 * 1024;
  /** Most recipients one part of a rotation in parts may seal to. */
  static final int MAX_RECIPIENTS_PER_PART = 256;
  /**
   * Most parts one rotation may have: with {@link #MAX_RECIPIENTS_PER_PART}, a collective of up
   * to 8,192 active members can rotate, in parts well within an author's event rate.
   */
  static final int MAX_ROTATION_PARTS = 32;
  /** Most documents one collective's history may hold. */
  static final int MAX_DOCUMENTS = 20_000;
  /** Most parents one document may name. */
  static final int MAX_PARENTS = 16;
  /** Longest display name or collective name, in characters. */
  static final int MAX_NAME_CHARS = 64;
  /** Longest removal reason, in characters. */
  static final int MAX_REASON_CHARS = 500;

  private MembershipLimits() {
  }

  /** A name must be 1..64 characters after trimming, without control characters. */
  static String checkName(String name, String what) {
    String trimmed = name.strip();
    if (trimmed.isEmpty() || trimmed.codePointCount(0, trimmed.length()) > MAX_NAME_CHARS
        || trimmed.codePoints().anyMatch(Character::isISOControl)) {
      throw new IllegalArgumentException(
          what + " must be 1 to " + MAX_NAME_CHARS + " characters, without control characters");
    }
    return trimmed;
  }
}
