package org.tend.protocol.crypto;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Every domain-separation label in Tend, and the one encoding that binds a label to data.
 *
 * <p>All labels have the form {@code tend/v1/<purpose>}. A new use of a hash, MAC, KDF,
 * signature or AEAD associated data gets a new label here, never a reused one.
 */
public final class Labels {

  /** AEAD associated data when the master key wraps (or the passphrase key wraps) key material. */
  public static final String KEYSTORE_WRAP = "tend/v1/keystore/wrap";
  /**
   * Key derivation and associated data when one master key seals the other during a passphrase
   * change that replaces the master key.
   */
  public static final String KEYSTORE_ROTATION = "tend/v1/keystore/rotation";
  /** AEAD associated data for sealed identity secrets. */
  public static final String IDENTITY_SEAL = "tend/v1/identity/seal";
  /** Signature label: the Ed25519 identity key signing its X25519 agreement key. */
  public static final String IDENTITY_BINDING = "tend/v1/identity/binding";
  /** Hash label for a member's human-comparable fingerprint. */
  public static final String FINGERPRINT = "tend/v1/identity/fingerprint";
  /** Hash label naming the private directory of a control socket whose home path is too long. */
  public static final String CONTROL_SOCKET_DIRECTORY = "tend/v1/control/socket-directory";
  /** Journal: encrypted index records. */
  public static final String STORE_INDEX = "tend/v1/store/index";
  /** Journal: encrypted entry bodies. */
  public static final String STORE_BODY = "tend/v1/store/body";
  /** Journal: other encrypted records. */
  public static final String STORE_RECORD = "tend/v1/store/record";
  /**
   * Store: records of a guarded column (log heads, invites), each counted in its column's
   * ledger; a different label from {@link #STORE_RECORD}, so a guarded home never takes an
   * unguarded value for a guarded one.
   */
  public static final String STORE_GUARDED_RECORD = "tend/v1/store/guarded-record";
  /** Store: a guarded column's ledger (its sealing, and the digests of its records). */
  public static final String STORE_LEDGER = "tend/v1/store/ledger";
  /**
   * Store: the opaque names of its column families, keyed hashes of their names in the code
   * under a secret of the home; also the key and associated data that seal that secret.
   */
  public static final String STORE_FAMILY_NAMES = "tend/v1/store/family-names";
  /** Journal: deriving opaque storage keys (no plaintext metadata in keys). */
  public static final String STORE_KEY_ID = "tend/v1/store/key-id";
  /** Backup: encrypted chunks. */
  public static final String BACKUP_CHUNK = "tend/v1/backup/chunk";
  /** Backup: the authenticated header. */
  public static final String BACKUP_HEADER = "tend/v1/backup/header";

  /**
   * Noise prologue of every connection: binds the transport version, the collective id and the
   * identity key of the node the initiator means to reach.
   */
  public static final String TRANSPORT_PROLOGUE = "tend/v1/transport/prologue";

  /** Noise prologue of a join-only connection, made with an invite's key. */
  public static final String TRANSPORT_JOIN_PROLOGUE = "tend/v1/transport/join-prologue";
  /** Signature label of a collective's membership documents. */
  public static final String COLLECTIVE_DOCUMENT = "tend/v1/collective/document";
  /** Hash label naming a membership document (parents, causes, approvals refer to it). */
  public static final String COLLECTIVE_DOCUMENT_HASH = "tend/v1/collective/document-hash";
  /** Signature label: a joiner consenting to its enrolment with one invite. */
  public static final String COLLECTIVE_JOIN = "tend/v1/collective/join";
  /** Sealing a collective's epoch keys to one member's agreement key. */
  public static final String KEY_SEAL = "tend/v1/collective/key-seal";
  /** Deriving an invite's join-only handshake key from its secret. */
  public static final String INVITE_PSK = "tend/v1/invite/psk";
  /** Deriving an invite's public id from its secret. */
  public static final String INVITE_ID = "tend/v1/invite/id";
  /** The checksum that catches a mistyped invite code. */
  public static final String INVITE_CHECKSUM = "tend/v1/invite/checksum";
  /** A join request's proof that its sender holds the secret of the invite it names. */
  public static final String INVITE_PROOF = "tend/v1/invite/proof";

  /** Signature of an event header (an entry of a member's log). */
  public static final String EVENT_SIGNATURE = "tend/v1/event/signature";
  /** Hash naming an event: over its signed header, linking each event to the one before. */
  public static final String EVENT_HASH = "tend/v1/event/hash";
  /** Hash of an event's ciphertext, named in its header. */
  public static final String EVENT_CONTENT_HASH = "tend/v1/event/content-hash";
  /** Key derivation and associated data of an event's content. */
  public static final String EVENT_CONTENT = "tend/v1/event/content";
  /** Sealed box of an event's content key to one named recipient. */
  public static final String EVENT_RECIPIENT = "tend/v1/event/recipient";
  /** Store keys of events: a keyed hash, so keys say nothing of author or sequence. */
  public static final String STORE_EVENT_KEY = "tend/v1/store/event-key";
  /** Key and associated data of a LAN beacon, derived from a collective's network key. */
  public static final String LAN_BEACON = "tend/v2/discovery/lan-beacon";
  /** Digest of a sequence vector in anti-entropy. */
  public static final String VECTOR_DIGEST = "tend/v1/replication/vector-digest";

  /** Largest label, in UTF-8 bytes, that {@link #bind} can encode (2-byte length prefix). */
  public static final int MAX_LABEL_BYTES = 0xFFFF;

  private Labels() {
  }

  /**
   * Encodes {@code label} and {@code parts} unambiguously, for use as a signed message,
   * AEAD associated data, KDF info or hash input:
   *
   * <pre>
   *   uint16_be(len(utf8(label))) || utf8(label)
   *   || for each part: uint32_be(len(part)) || part
   * </pre>
   *
   * <p>Because every field is length-prefixed, different (label, parts) tuples never encode to
   * the same bytes: {@code ("a","bc")} and {@code ("ab","c")} differ, and so do zero parts and
   * one empty part.
   *
   * @throws IllegalArgumentException if the label is empty or longer than
   *     {@link #MAX_LABEL_BYTES} UTF-8 bytes
   */
  public static byte[] bind(String label, byte[]... parts) {
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(parts, "parts");
    byte[] labelBytes = label.getBytes(StandardCharsets.UTF_8);
    if (labelBytes.length == 0 || labelBytes.length > MAX_LABEL_BYTES) {
      throw new IllegalArgumentException(
          "label must be 1.." + MAX_LABEL_BYTES + " UTF-8 bytes, was " + labelBytes.length);
    }
    long total = 2L + labelBytes.length;
    for (byte[] part : parts) {
      total += 4L + Objects.requireNonNull(part, "part").length;
    }
    if (total > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("bound input too large: " + total + " bytes");
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream((int) total);
    out.write(labelBytes.length >>> 8);
    out.write(labelBytes.length);
    out.writeBytes(labelBytes);
    for (byte[] part : parts) {
      int n = part.length;
      out.write(n >>> 24);
      out.write(n >>> 16);
      out.write(n >>> 8);
      out.write(n);
      out.writeBytes(part);
    }
    return out.toByteArray();
  }
}
