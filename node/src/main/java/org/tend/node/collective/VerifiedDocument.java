package org.tend.node.collective;

import com.google.protobuf.InvalidProtocolBufferException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.tend.node.api.collective.CollectiveId;
import org.tend.node.api.collective.MemberKey;
import org.tend.node.keystore.NodeIdentity;
import org.tend.protocol.crypto.Ed25519;
import org.tend.protocol.crypto.Labels;
import org.tend.protocol.crypto.Sha256;
import org.tend.protocol.proto.MembershipBody;
import org.tend.protocol.proto.SignedDocument;

/**
 * A membership document whose signature verified: the body as parsed, its hash, and who signed
 * it. Whether the signer was allowed to make this change is the roster's question, not this
 * class's.
 */
final class VerifiedDocument {
  private final SignedDocument signed;
  private final MembershipBody body;
  private final DocumentHash hash;
  private final MemberKey author;
  private final CollectiveId collective;
  private final List<DocumentHash> parents;
  /**
   * The joiner a JOINED document enrols, once checked: its two signatures are checked once per
   * document this node holds, not at every replay of the roster (a replay takes in every
   * document, so a collective of N members cost 2N checks per new document before).
   */
  private volatile Optional<MemberKey> joiner;

  private VerifiedDocument(SignedDocument signed, MembershipBody body, DocumentHash hash,
      List<DocumentHash> parents) {
    this.signed = signed;
    this.body = body;
    this.hash = hash;
    this.author = MemberKey.of(body.getAuthor().toByteArray());
    this.collective = CollectiveId.of(body.getCollectiveId().toByteArray());
    this.parents = List.copyOf(parents);
  }

  /** Signs {@code body} (whose author must be {@code identity}) as a new document. */
  static VerifiedDocument sign(NodeIdentity identity, MembershipBody body) {
    byte[] bytes = body.toByteArray();
    SignedDocument signed = SignedDocument.newBuilder()
        .setBody(com.google.protobuf.ByteString.copyFrom(bytes))
        .setSignature(com.google.protobuf.ByteString.copyFrom(
            identity.signing().sign(Labels.COLLECTIVE_DOCUMENT, bytes)))
        .build();
    try {
      return verify(signed);
    } catch (DocumentException e) {
      throw new IllegalArgumentException("signed an invalid document: " + e.getMessage(), e);
    }
  }

  /**
   * What {@code signed} says it is, before any check of its signature: for sorting out, at the
   * cost of a parse, documents that could not count anyway. Empty if the body does not parse.
   */
  static java.util.Optional<MembershipBody> unverifiedBody(SignedDocument signed) {
    if (signed.getSerializedSize() > MembershipLimits.MAX_DOCUMENT_BYTES) {
      return java.util.Optional.empty();
    }
    try {
      return java.util.Optional.of(MembershipBody.parseFrom(signed.getBody()));
    } catch (InvalidProtocolBufferException e) {
      return java.util.Optional.empty();
    }
  }

  /** The hash {@code signed} would have once verified. */
  static DocumentHash hashOf(SignedDocument signed) {
    try {
      return DocumentHash.of(Sha256.hash(Labels.COLLECTIVE_DOCUMENT_HASH,
          signed.getBody().toByteArray()));
    } catch (DocumentException e) {
      throw new IllegalStateException("a SHA-256 hash has the length of a document hash", e);
    }
  }

  /**
   * Checks size, shape and signature.
   *
   * @throws DocumentException if any of them is wrong
   */
  static VerifiedDocument verify(SignedDocument signed) throws DocumentException {
    if (signed.getSerializedSize() > MembershipLimits.MAX_DOCUMENT_BYTES) {
      throw new DocumentException("document larger than " + MembershipLimits.MAX_DOCUMENT_BYTES);
    }
    byte[] bytes = signed.getBody().toByteArray();
    MembershipBody body;
    try {
      body = MembershipBody.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      throw new DocumentException("document body does not parse");
    }
    byte[] author = body.getAuthor().toByteArray();
    if (author.length != MemberKey.LENGTH || body.getCollectiveId().size() != CollectiveId.LENGTH
        || body.getChangeCase() == MembershipBody.ChangeCase.CHANGE_NOT_SET
        || body.getParentsCount() > MembershipLimits.MAX_PARENTS) {
      throw new DocumentException("document is missing its author, collective or change");
    }
    if (!Ed25519.verify(author, Labels.COLLECTIVE_DOCUMENT, bytes,
        signed.getSignature().toByteArray())) {
      throw new DocumentException("document signature does not verify");
    }
    List<DocumentHash> parents = new ArrayList<>();
    for (com.google.protobuf.ByteString parent : body.getParentsList()) {
      parents.add(DocumentHash.of(parent.toByteArray()));
    }
    DocumentHash hash = DocumentHash.of(Sha256.hash(Labels.COLLECTIVE_DOCUMENT_HASH, bytes));
    return new VerifiedDocument(signed, body, hash, parents);
  }

  SignedDocument signed() {
    return signed;
  }

  MembershipBody body() {
    return body;
  }

  DocumentHash hash() {
    return hash;
  }

  MemberKey author() {
    return author;
  }

  CollectiveId collective() {
    return collective;
  }

  List<DocumentHash> parents() {
    return parents;
  }

  /**
   * The key a JOINED document enrols, if its profile is valid and its holder signed the join
   * into this document's collective ({@link JoinSignatures#verifiedJoiner}); empty for any
   * other change. Checked at the first call only: the document cannot change.
   */
  Optional<MemberKey> verifiedJoiner() {
    Optional<MemberKey> known = joiner;
    if (known == null) {
      known = body.hasJoined()
          ? JoinSignatures.verifiedJoiner(collective, body.getJoined()) : Optional.empty();
      joiner = known;
    }
    return known;
  }

  long createdAtMillis() {
    return body.getCreatedAtMillis();
  }

  @Override
  public String toString() {
    return body.getChangeCase() + " " + hash + " by " + author;
  }
}
