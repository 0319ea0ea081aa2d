package org.tend.node.collective;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.UnknownFieldSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tend.node.api.collective.CollectiveId;
import org.tend.node.api.collective.InviteRule;
import org.tend.node.keystore.NodeIdentity;
import org.tend.protocol.crypto.Labels;
import org.tend.protocol.crypto.Sha256;
import org.tend.protocol.proto.Left;
import org.tend.protocol.proto.MembershipBody;
import org.tend.protocol.proto.SignedDocument;

/** A membership document is believed only if it is well-formed, within limits and signed. */
class VerifiedDocumentTest {
  private final History h = new History(41, InviteRule.ANY_MEMBER, 1);
  private final NodeIdentity author = h.founder;

  private MembershipBody.Builder leftBody() {
    return MembershipBody.newBuilder()
        .setCollectiveId(ByteString.copyFrom(h.id.bytes()))
        .setAuthor(History.key(author))
        .setCreatedAtMillis(1_700_000_000_000L)
        .addParents(h.genesis.hash().byteString())
        .setLeft(Left.getDefaultInstance());
  }

  /** Signs body bytes as they are, without the checks {@link VerifiedDocument#sign} makes. */
  private static SignedDocument signRaw(NodeIdentity by, MembershipBody body) {
    byte[] bytes = body.toByteArray();
    return SignedDocument.newBuilder().setBody(ByteString.copyFrom(bytes))
        .setSignature(ByteString.copyFrom(by.signing().sign(Labels.COLLECTIVE_DOCUMENT, bytes)))
        .build();
  }

  @Test
  void aSignedDocumentVerifiesWithItsAuthorHashAndParents() throws Exception {
    SignedDocument signed = signRaw(author, leftBody().build());
    VerifiedDocument doc = VerifiedDocument.verify(signed);
    assertEquals(History.member(author), doc.author());
    assertEquals(h.id, doc.collective());
    assertEquals(List.of(h.genesis.hash()), doc.parents());
    assertEquals(1_700_000_000_000L, doc.createdAtMillis());
    assertArrayEquals(Sha256.hash(Labels.COLLECTIVE_DOCUMENT_HASH, signed.getBody().toByteArray()),
        doc.hash().bytes());
  }

  @Test
  void everyAlteredByteOfASmallDocumentIsRefused() {
    byte[] wire = signRaw(author, leftBody().build()).toByteArray();
    int checked = 0;
    for (int i = 0; i < wire.length; i++) {
      for (int bit = 0; bit < 8; bit++) {
        byte[] altered = wire.clone();
        altered[i] ^= (byte) (1 << bit);
        SignedDocument parsed;
        try {
          parsed = SignedDocument.parseFrom(altered);
        } catch (InvalidProtocolBufferException e) {
          continue; // does not even reach verification
        }
        checked++;
        try {
          VerifiedDocument.verify(parsed);
          fail("byte " + i + " bit " + bit + " altered, yet the document verified");
        } catch (DocumentException expected) {
          // refused
        }
      }
    }
    assertTrue(checked > wire.length * 6, "most alterations reached verification");
  }

  @Test
  void aDocumentTruncatedAnywhereIsRefused() {
    byte[] wire = signRaw(author, leftBody().build()).toByteArray();
    for (int length = 0; length < wire.length; length++) {
      byte[] cut = Arrays.copyOf(wire, length);
      try {
        VerifiedDocument.verify(SignedDocument.parseFrom(cut));
        fail("cut to " + length + " of " + wire.length + " bytes, yet it verified");
      } catch (InvalidProtocolBufferException | DocumentException expected) {
        // refused
      }
    }
  }

  @Test
  void aDocumentSignedByAnotherKeyThanItsAuthorIsRefused() {
    NodeIdentity other = h.identity();
    DocumentException e = assertThrows(DocumentException.class,
        () -> VerifiedDocument.verify(signRaw(other, leftBody().build())));
    assertEquals("document signature does not verify", e.getMessage());
  }

  @Test
  void aSignatureUnderAnotherLabelIsRefused() {
    byte[] bytes = leftBody().build().toByteArray();
    SignedDocument signed = SignedDocument.newBuilder().setBody(ByteString.copyFrom(bytes))
        .setSignature(ByteString.copyFrom(author.signing().sign(Labels.COLLECTIVE_JOIN, bytes)))
        .build();
    assertThrows(DocumentException.class, () -> VerifiedDocument.verify(signed));
  }

  @Test
  void aSignatureOverTheSameBodyReserialisedWithAnExtraFieldIsRefused() {
    SignedDocument signed = signRaw(author, leftBody().build());
    MembershipBody padded = leftBody().setUnknownFields(UnknownFieldSet.newBuilder()
        .addField(999, UnknownFieldSet.Field.newBuilder().addVarint(1).build()).build()).build();
    SignedDocument swapped = signed.toBuilder().setBody(padded.toByteString()).build();
    assertThrows(DocumentException.class, () -> VerifiedDocument.verify(swapped));
  }

  @Test
  void aDocumentOfExactlyTheSizeLimitIsAccepted() {
    SignedDocument signed = ofSize(MembershipLimits.MAX_DOCUMENT_BYTES);
    assertEquals(MembershipLimits.MAX_DOCUMENT_BYTES, signed.getSerializedSize());
    assertDoesNotThrow(() -> VerifiedDocument.verify(signed));
  }

  @Test
  void aDocumentOneByteOverTheSizeLimitIsRefused() {
    SignedDocument signed = ofSize(MembershipLimits.MAX_DOCUMENT_BYTES + 1);
    assertEquals(MembershipLimits.MAX_DOCUMENT_BYTES + 1, signed.getSerializedSize());
    DocumentException e = assertThrows(DocumentException.class,
        () -> VerifiedDocument.verify(signed));
    assertEquals("document larger than " + MembershipLimits.MAX_DOCUMENT_BYTES, e.getMessage());
  }

  /** A properly signed removal proposal padded with its reason to exactly {@code size} bytes. */
  private SignedDocument ofSize(int size) {
    NodeIdentity target = h.identity();
    int reason = size - 200;
    for (int attempt = 0; attempt < 10; attempt++) {
      MembershipBody body = History.propose(target, "x".repeat(reason))
          .setCollectiveId(ByteString.copyFrom(h.id.bytes()))
          .setAuthor(History.key(author))
          .setCreatedAtMillis(1)
          .addParents(h.genesis.hash().byteString())
          .build();
      SignedDocument signed = signRaw(author, body);
      if (signed.getSerializedSize() == size) {
        return signed;
      }
      reason += size - signed.getSerializedSize();
    }
    throw new AssertionError("could not pad a document to " + size + " bytes");
  }

  @Test
  void aDocumentWithTheMostParentsIsAccepted() throws Exception {
    VerifiedDocument doc = VerifiedDocument.verify(
        signRaw(author, withParents(MembershipLimits.MAX_PARENTS)));
    assertEquals(MembershipLimits.MAX_PARENTS, doc.parents().size());
  }

  @Test
  void aDocumentWithOneParentTooManyIsRefused() {
    assertThrows(DocumentException.class, () -> VerifiedDocument.verify(
        signRaw(author, withParents(MembershipLimits.MAX_PARENTS + 1))));
    assertThrows(IllegalArgumentException.class,
        () -> VerifiedDocument.sign(author, withParents(MembershipLimits.MAX_PARENTS + 1)),
        "this node never signs one either");
  }

  private MembershipBody withParents(int count) {
    MembershipBody.Builder body = leftBody().clearParents();
    for (int i = 0; i < count; i++) {
      byte[] parent = new byte[DocumentHash.LENGTH];
      parent[0] = (byte) i;
      body.addParents(ByteString.copyFrom(parent));
    }
    return body.build();
  }

  @Test
  void aParentOfTheWrongLengthIsRefused() {
    for (int length : new int[] {0, DocumentHash.LENGTH - 1, DocumentHash.LENGTH + 1}) {
      MembershipBody body = leftBody().clearParents()
          .addParents(ByteString.copyFrom(new byte[length])).build();
      assertThrows(DocumentException.class, () -> VerifiedDocument.verify(signRaw(author, body)),
          "parent of " + length + " bytes");
    }
  }

  @Test
  void anAuthorOfTheWrongLengthIsRefused() {
    byte[] key = author.signing().publicKey();
    List<byte[]> wrong = new ArrayList<>();
    wrong.add(new byte[0]);
    wrong.add(Arrays.copyOf(key, key.length - 1));
    wrong.add(Arrays.copyOf(key, key.length + 1));
    for (byte[] authorBytes : wrong) {
      MembershipBody body = leftBody().setAuthor(ByteString.copyFrom(authorBytes)).build();
      DocumentException e = assertThrows(DocumentException.class,
          () -> VerifiedDocument.verify(signRaw(author, body)), authorBytes.length + " bytes");
      assertEquals("document is missing its author, collective or change", e.getMessage());
    }
  }

  @Test
  void aCollectiveIdOfTheWrongLengthOrNoChangeIsRefused() {
    byte[] id = h.id.bytes();
    for (int length : new int[] {0, CollectiveId.LENGTH - 1, CollectiveId.LENGTH + 1}) {
      MembershipBody body = leftBody()
          .setCollectiveId(ByteString.copyFrom(Arrays.copyOf(id, length))).build();
      assertThrows(DocumentException.class, () -> VerifiedDocument.verify(signRaw(author, body)));
    }
    MembershipBody noChange = leftBody().clearChange().build();
    assertThrows(DocumentException.class,
        () -> VerifiedDocument.verify(signRaw(author, noChange)));
  }

  @Test
  void aBodyThatIsNotAMembershipBodyIsRefused() {
    SignedDocument garbage = SignedDocument.newBuilder()
        .setBody(ByteString.copyFrom(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff}))
        .setSignature(ByteString.copyFrom(new byte[64])).build();
    DocumentException e = assertThrows(DocumentException.class,
        () -> VerifiedDocument.verify(garbage));
    assertEquals("document body does not parse", e.getMessage());
  }
}
