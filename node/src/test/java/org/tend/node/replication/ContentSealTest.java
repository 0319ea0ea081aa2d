package org.tend.node.replication;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tend.node.api.collective.CollectiveId;
import org.tend.node.api.collective.MemberKey;
import org.tend.node.api.replication.EventLimits;
import org.tend.node.api.replication.ReplicationException;
import org.tend.node.keystore.NodeIdentity;
import org.tend.node.store.Padding;
import org.tend.protocol.crypto.Ed25519;
import org.tend.protocol.crypto.Ed25519KeyPair;
import org.tend.protocol.crypto.Randomness;
import org.tend.protocol.crypto.SecretBytes;
import org.tend.protocol.proto.EventContent;
import org.tend.protocol.proto.EventHeader;
import org.tend.protocol.proto.SignedEvent;

/**
 * Event content opens only for its audience and only in its place in its author's log; its
 * padded length says little; and the event format is pinned by a checked-in golden vector.
 */
class ContentSealTest {
  private static final int NONCE_AND_TAG = 12 + 16;

  private final LogFixture f = new LogFixture(23);
  private final NodeIdentity alice = f.member();
  private final EventWriter writer = f.writer(alice);
  private EventLog own;

  @BeforeEach
  void openAlicesOwnLog() throws Exception {
    own = f.log();
  }

  private VerifiedEvent write(String text, NodeIdentity... recipients) throws Exception {
    List<MemberKey> keys = Arrays.stream(recipients).map(LogFixture::key).toList();
    VerifiedEvent e = writer.write(own, f.membership, LogFixture.notice(text), keys);
    own.appendOwn(e);
    return e;
  }

  private VerifiedEvent verified(SignedEvent signed) throws Exception {
    return VerifiedEvent.verify(SignedEvent.parseFrom(signed.toByteString()), f.keys);
  }

  private Optional<String> openCollective(int epoch, VerifiedEvent event) {
    try (SecretBytes key = f.membership.contentKey(epoch).orElseThrow()) {
      return ContentSeal.openCollective(key, event).map(c -> c.getNotice().getText());
    }
  }

  private static Optional<String> openAs(NodeIdentity who, VerifiedEvent event) {
    return ContentSeal.openAsRecipient(who.agreement(), event).map(c -> c.getNotice().getText());
  }

  private ByteString sealedForAlice(CollectiveId collective, long sequence, int epoch) {
    try (SecretBytes key = f.membership.contentKey(0).orElseThrow()) {
      return ByteString.copyFrom(ContentSeal.forCollective(f.randomness, key, collective,
          LogFixture.key(alice), sequence, epoch, LogFixture.notice("meet at the clinic"))
          .content());
    }
  }

  // The collective audience

  @Test
  void collectiveContentOpensWithItsEpochKeyAfterTravelling() throws Exception {
    VerifiedEvent event = write("Food share moves to Saturday");
    assertEquals(Optional.of("Food share moves to Saturday"),
        openCollective(0, verified(event.signed())));
  }

  @Test
  void collectiveContentDoesNotOpenWithAnotherEpochsKey() throws Exception {
    f.membership.rotate(f.randomness.bytes(32));
    VerifiedEvent event = write("after the rotation");
    assertEquals(Optional.empty(), openCollective(0, event));
    assertEquals(Optional.of("after the rotation"), openCollective(1, event));
  }

  @Test
  void contentSealedForAnotherCollectiveDoesNotOpenHereEvenUnderTheSameKey() throws Exception {
    CollectiveId other = CollectiveId.of(f.randomness.bytes(CollectiveId.LENGTH));
    VerifiedEvent here = verified(f.chain(alice).nextWithContent(sealedForAlice(other, 1, 0)));
    VerifiedEvent control = verified(f.chain(alice)
        .nextWithContent(sealedForAlice(f.collective, 1, 0)));

    assertEquals(Optional.empty(), openCollective(0, here));
    assertEquals(Optional.of("meet at the clinic"), openCollective(0, control));
  }

  @Test
  void contentMovedToAnotherSequenceDoesNotOpen() throws Exception {
    EventChain chain = f.chain(alice);
    chain.next();
    VerifiedEvent moved = verified(chain.nextWithContent(sealedForAlice(f.collective, 1, 0)));
    assertEquals(2, moved.sequence());
    assertEquals(Optional.empty(), openCollective(0, moved));
  }

  @Test
  void contentMovedToAnotherAuthorDoesNotOpen() throws Exception {
    NodeIdentity bob = f.member();
    VerifiedEvent moved = verified(f.chain(bob)
        .nextWithContent(sealedForAlice(f.collective, 1, 0)));
    assertEquals(Optional.empty(), openCollective(0, moved));
  }

  @Test
  void contentMovedToAnotherEpochDoesNotOpenEvenUnderTheSameKey() throws Exception {
    ByteString sealed = sealedForAlice(f.collective, 1, 0);
    byte[] sameKey;
    try (SecretBytes key = f.membership.contentKey(0).orElseThrow()) {
      sameKey = key.exposeSecret();
    }
    f.membership.rotate(sameKey);
    VerifiedEvent moved = verified(f.chain(alice).nextWithContent(sealed));
    assertEquals(1, moved.epoch());
    assertEquals(Optional.empty(), openCollective(1, moved));
  }

  @Test
  void droppedContentOpensToNothing() throws Exception {
    VerifiedEvent event = write("retracted later");
    assertEquals(Optional.empty(), openCollective(0, event.withoutContent()));
  }

  // Named recipients

  @Test
  void eachNamedRecipientOpensTheContentAndNoOneElseDoes() throws Exception {
    NodeIdentity bob = f.member();
    NodeIdentity carol = f.member();
    NodeIdentity dave = f.member();

    VerifiedEvent event = verified(write("the safe house moved", bob, carol).signed());

    assertEquals(2, event.header().getAudience().getRecipients().getSealedKeysCount());
    assertEquals(Optional.of("the safe house moved"), openAs(bob, event));
    assertEquals(Optional.of("the safe house moved"), openAs(carol, event));
    assertEquals(Optional.empty(), openAs(dave, event));
    assertEquals(Optional.empty(), openAs(alice, event), "not named, not even its author");
    assertEquals(Optional.empty(), openCollective(0, event));
  }

  @Test
  void recipientContentMovedToAnotherSequenceDoesNotOpen() throws Exception {
    NodeIdentity bob = f.member();
    VerifiedEvent original = write("for bob", bob);
    EventChain chain = f.chain(alice);
    chain.next();
    VerifiedEvent moved = verified(chain.nextWithContent(original.signed().getContent(),
        h -> h.setAudience(original.header().getAudience())));

    assertEquals(Optional.of("for bob"), openAs(bob, original));
    assertEquals(Optional.empty(), openAs(bob, moved));
  }

  @Test
  void theWriterSealsToMaxRecipients() throws Exception {
    NodeIdentity[] named = new NodeIdentity[EventLimits.MAX_RECIPIENTS];
    for (int i = 0; i < named.length; i++) {
      named[i] = f.member();
    }
    VerifiedEvent event = write("everyone on the rota", named);
    assertEquals(EventLimits.MAX_RECIPIENTS,
        event.header().getAudience().getRecipients().getSealedKeysCount());
    assertEquals(Optional.of("everyone on the rota"), openAs(named[named.length - 1], event));
  }

  @Test
  void theWriterRefusesOneRecipientOverTheMaximum() {
    NodeIdentity[] named = new NodeIdentity[EventLimits.MAX_RECIPIENTS + 1];
    for (int i = 0; i < named.length; i++) {
      named[i] = f.member();
    }
    assertThrows(ReplicationException.class, () -> write("too many", named));
  }

  @Test
  void theWriterRefusesARecipientWhoIsNotAMember() {
    NodeIdentity outsider = f.stranger();
    assertThrows(ReplicationException.class, () -> write("for an outsider", outsider));
  }

  // Padding

  private static String ascii(int length) {
    return "x".repeat(length);
  }

  private static void assertPaddedToABucket(String text) throws Exception {
    byte[] padded = ContentSeal.padded(LogFixture.notice(text));
    int bytes = text.getBytes(StandardCharsets.UTF_8).length;
    assertTrue(padded.length >= ContentSeal.MINIMUM_PADDED, bytes + " bytes of text");
    assertEquals(Padding.padme(padded.length), padded.length, bytes + " bytes of text");
    assertEquals(text, EventContent.parseFrom(padded).getNotice().getText());
  }

  @ParameterizedTest(name = "{0} characters")
  @ValueSource(ints = {0, 1, 100, 121, 123, 252, 253, 1000, 1999, EventLimits.MAX_NOTICE_CHARS})
  void aNoticeIsPaddedToAPadmeBucketOfAtLeast256Bytes(int length) throws Exception {
    assertPaddedToABucket(ascii(length));
  }

  @Test
  void aLongNoticeOfWideCharactersIsPaddedToAPadmeBucketToo() throws Exception {
    assertPaddedToABucket("é".repeat(EventLimits.MAX_NOTICE_CHARS));
    assertPaddedToABucket("✊".repeat(EventLimits.MAX_NOTICE_CHARS));
    assertPaddedToABucket("\uD83C\uDF31".repeat(EventLimits.MAX_NOTICE_CHARS)); // 4-byte
  }

  @Test
  void theCiphertextIsThePaddedPlaintextPlusNonceAndTag() throws Exception {
    VerifiedEvent event = write("short");
    assertEquals(ContentSeal.padded(LogFixture.notice("short")).length + NONCE_AND_TAG,
        event.signed().getContent().size());
  }

  @Test
  void everyNoticeLengthUpToTheLongestIsPaddedToAPadmeBucketOfAtLeast256Bytes() {
    List<Integer> unpadded = new ArrayList<>();
    // Up to 4 UTF-8 bytes per character.
    for (int bytes = 0; bytes <= 4 * EventLimits.MAX_NOTICE_CHARS; bytes++) {
      int length = ContentSeal.padded(LogFixture.notice(ascii(bytes))).length;
      if (length < ContentSeal.MINIMUM_PADDED || Padding.padme(length) != length) {
        unpadded.add(bytes);
      }
    }
    assertEquals(List.of(), unpadded, "text lengths (bytes) whose encoding is not padded");
  }

  // The golden vector

  /** The checked-in vector, as name: value lines. */
  private static Map<String, String> goldenFile() throws IOException {
    Map<String, String> values = new LinkedHashMap<>();
    try (InputStream in = ContentSealTest.class.getResourceAsStream(GoldenEvents.RESOURCE)) {
      if (in == null) {
        throw new AssertionError("missing " + GoldenEvents.RESOURCE);
      }
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        int colon = line.indexOf(':');
        values.put(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
      }
    }
    return values;
  }

  @Test
  void theWriterReproducesTheGoldenEventsByteForByte() throws Exception {
    Map<String, String> golden = goldenFile();
    List<VerifiedEvent> events = new GoldenEvents().write();

    for (int i = 0; i < events.size(); i++) {
      assertEquals(golden.get("event " + (i + 1)),
          GoldenEvents.HEX.formatHex(events.get(i).signed().toByteArray()), "event " + (i + 1));
      assertEquals(golden.get("id " + (i + 1)), events.get(i).id().hex());
    }
  }

  @Test
  void theStoredGoldenEventsVerifyLinkAndOpen() throws Exception {
    Map<String, String> golden = goldenFile();
    GoldenEvents inputs = new GoldenEvents();
    List<SignedEvent> stored = List.of(
        SignedEvent.parseFrom(GoldenEvents.HEX.parseHex(golden.get("event 1"))),
        SignedEvent.parseFrom(GoldenEvents.HEX.parseHex(golden.get("event 2"))));
    AuthorKeys keys = new AuthorKeys();

    VerifiedEvent first = VerifiedEvent.verify(stored.get(0), keys);
    VerifiedEvent second = VerifiedEvent.verify(stored.get(1), keys);

    assertEquals(golden.get("id 1"), first.id().hex());
    assertEquals(golden.get("id 2"), second.id().hex());
    assertEquals(inputs.collective, first.collective());
    assertEquals(inputs.author, first.author());
    assertEquals(ByteString.copyFrom(first.id().bytes()), second.header().getPrevious());
    EventHeader h = first.header();
    assertEquals(GoldenEvents.CREATED_AT.toEpochMilli(), h.getCreatedAtMillis());
    assertEquals(0, h.getEpoch());
    try (SecretBytes key = SecretBytes.copyOf(GoldenEvents.CONTENT_KEY)) {
      assertEquals(GoldenEvents.FIRST_TEXT, ContentSeal.openCollective(key, first)
          .orElseThrow().getNotice().getText());
      assertEquals(GoldenEvents.SECOND_TEXT, ContentSeal.openCollective(key, second)
          .orElseThrow().getNotice().getText());
    }
    EventLog log = new EventLog(inputs.collective, new MemoryEventStore(), keys, inputs.clock);
    assertEquals(2, log.ingest(inputs.membership, stored).added().size());
  }

  /**
   * The inputs of {@code vectors/golden/event.txt}: fixed keys, a fixed clock and randomness
   * that is SHA-256 of a label and a counter. Change none of these without writing the vector
   * anew, and then only for a deliberate change of the event format.
   */
  static final class GoldenEvents {
    static final String RESOURCE = "/vectors/golden/event.txt";
    static final HexFormat HEX = HexFormat.of();
    static final byte[] AUTHOR_SEED = HEX.parseHex(
        "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
    static final byte[] AGREEMENT_KEY = HEX.parseHex(
        "2020202020202020202020202020202020202020202020202020202020202020");
    static final String COLLECTIVE = "00112233445566778899aabbccddeeff";
    static final byte[] CONTENT_KEY = HEX.parseHex(
        "404142434445464748494a4b4c4d4e4f505152535455565758595a5b5c5d5e5f");
    static final Instant CREATED_AT = Instant.parse("2024-03-14T15:09:26.535Z");
    static final String RANDOMNESS_LABEL = "tend/test/golden-event";
    static final String FIRST_TEXT = "Food share moves to the library, Saturday 10:00.";
    static final String SECOND_TEXT = "Bring bags.";

    final Clock clock = Clock.fixed(CREATED_AT, ZoneOffset.UTC);
    final CollectiveId collective = new CollectiveId(COLLECTIVE);
    final Ed25519KeyPair signing;
    final MemberKey author;
    final TestMembership membership = new TestMembership(collective, CONTENT_KEY);

    GoldenEvents() {
      try (SecretBytes seed = SecretBytes.copyOf(AUTHOR_SEED)) {
        signing = Ed25519.fromSeed(seed);
      }
      author = MemberKey.of(signing.publicKey());
      membership.admit(author, AGREEMENT_KEY, 0);
    }

    /** The author's first two events, each a notice to the whole collective. */
    List<VerifiedEvent> write() throws Exception {
      AuthorKeys keys = new AuthorKeys();
      EventLog log = new EventLog(collective, new MemoryEventStore(), keys, clock);
      EventWriter writer = new EventWriter(signing, clock, new CountedRandomness(), keys);
      List<VerifiedEvent> out = new ArrayList<>();
      for (String text : List.of(FIRST_TEXT, SECOND_TEXT)) {
        VerifiedEvent e = writer.write(log, membership, LogFixture.notice(text), List.of());
        log.appendOwn(e);
        out.add(e);
      }
      return out;
    }
  }

  /** SHA-256(label || counter), the counter a big-endian uint64 from 0, a block per draw. */
  static final class CountedRandomness implements Randomness {
    private long counter;

    @Override
    public synchronized void nextBytes(byte[] out) {
      for (int offset = 0; offset < out.length; offset += 32) {
        byte[] block = block(counter++);
        System.arraycopy(block, 0, out, offset, Math.min(32, out.length - offset));
      }
    }

    private static byte[] block(long counter) {
      try {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update(GoldenEvents.RANDOMNESS_LABEL.getBytes(StandardCharsets.US_ASCII));
        sha.update(ByteBuffer.allocate(8).putLong(counter).array());
        return sha.digest();
      } catch (NoSuchAlgorithmException e) {
        throw new AssertionError(e);
      }
    }
  }
}
