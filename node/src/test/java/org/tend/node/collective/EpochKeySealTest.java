package org.tend.node.collective;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.tend.node.api.collective.CollectiveId;
import org.tend.node.keystore.NodeIdentity;
import org.tend.protocol.crypto.Labels;
import org.tend.protocol.crypto.Randomness;
import org.tend.protocol.crypto.SealedBox;
import org.tend.protocol.proto.EpochKeys;
import org.tend.protocol.proto.MemberProfile;
import org.tend.protocol.proto.SealedKeys;

/** Epoch keys sealed to one member open for that member, in that collective, and no other. */
class EpochKeySealTest {
  /** Counts instances, so no two tests seal under the same key and nonce on a thread. */
  private static final java.util.concurrent.atomic.AtomicLong INSTANCES =
      new java.util.concurrent.atomic.AtomicLong();
  private final Randomness randomness =
      new java.util.Random(61 * 1_000_003 + INSTANCES.getAndIncrement())::nextBytes;
  private final CollectiveId collective = CollectiveId.of(randomness.bytes(CollectiveId.LENGTH));
  private final NodeIdentity ana = NodeIdentity.generate(randomness);
  private final NodeIdentity bo = NodeIdentity.generate(randomness);
  private final MemberProfile anaProfile = Profiles.of(ana, "Ana");
  private final EpochKeys keys = EpochKeySeal.fresh(randomness, 3);
  private final ByteString cause = ByteString.copyFrom(randomness.bytes(32));
  private final EpochKeySeal.Slot slot = EpochKeySeal.Slot.rotation(3, cause);

  @Test
  void freshKeysAreOfTheirEpochAndFullLength() {
    assertEquals(3, keys.getEpoch());
    assertEquals(32, keys.getNetworkKey().size());
    assertEquals(32, keys.getContentKey().size());
    assertNotEquals(keys.getNetworkKey(), keys.getContentKey());
  }

  @Test
  void sealedKeysOpenForTheirRecipient() {
    SealedKeys sealed = EpochKeySeal.seal(randomness, collective, anaProfile, keys, slot);
    assertEquals(anaProfile.getSigningKey(), sealed.getMember());
    assertEquals(Optional.of(keys), EpochKeySeal.open(ana, collective, sealed, slot));
  }

  @Test
  void sealedKeysDoNotHoldTheKeysInTheClear() {
    byte[] box = EpochKeySeal.seal(randomness, collective, anaProfile, keys, slot).getSealed()
        .toByteArray();
    assertEquals(keys.getSerializedSize() + SealedBox.OVERHEAD, box.length);
    assertFalse(contains(box, keys.getNetworkKey().substring(0, 8).toByteArray()));
    assertFalse(contains(box, keys.getContentKey().substring(0, 8).toByteArray()));
  }

  @Test
  void anotherMemberCannotOpenThem() {
    SealedKeys sealed = EpochKeySeal.seal(randomness, collective, anaProfile, keys, slot);
    assertEquals(Optional.empty(), EpochKeySeal.open(bo, collective, sealed, slot));
    SealedKeys relabelled = sealed.toBuilder()
        .setMember(ByteString.copyFrom(bo.signing().publicKey())).build();
    assertEquals(Optional.empty(), EpochKeySeal.open(bo, collective, relabelled, slot));
  }

  @Test
  void theyDoNotOpenInAnotherCollective() {
    SealedKeys sealed = EpochKeySeal.seal(randomness, collective, anaProfile, keys, slot);
    byte[] other = collective.bytes();
    other[0] ^= 1;
    assertEquals(Optional.empty(), EpochKeySeal.open(ana, CollectiveId.of(other), sealed, slot));
  }

  @Test
  void keysSealedToAnAgreementKeyUnderAnotherMembersNameDoNotOpen() {
    // Bo's signing key paired with Ana's agreement key: the box reaches Ana's key, but its
    // context names Bo, so Ana does not take it for hers
    MemberProfile misbound = anaProfile.toBuilder()
        .setSigningKey(ByteString.copyFrom(bo.signing().publicKey())).build();
    SealedKeys sealed = EpochKeySeal.seal(randomness, collective, misbound, keys, slot);
    assertEquals(Optional.empty(), EpochKeySeal.open(ana, collective, sealed, slot));
    assertEquals(Optional.empty(), EpochKeySeal.open(bo, collective, sealed, slot));
  }

  @Test
  void keysSealedUnderAnotherLabelDoNotOpen() throws Exception {
    byte[] context = Labels.bind(Labels.KEY_SEAL, collective.bytes(), ana.signing().publicKey());
    byte[] box = SealedBox.seal(randomness, ana.agreement().publicKey(), Labels.IDENTITY_SEAL,
        context, keys.toByteArray());
    SealedKeys sealed = SealedKeys.newBuilder().setMember(anaProfile.getSigningKey())
        .setSealed(ByteString.copyFrom(box)).build();
    assertEquals(Optional.empty(), EpochKeySeal.open(ana, collective, sealed, slot));
  }

  @Test
  void everyAlteredByteOfTheBoxIsRefused() {
    byte[] box = EpochKeySeal.seal(randomness, collective, anaProfile, keys, slot).getSealed()
        .toByteArray();
    for (int i = 0; i < box.length; i++) {
      for (int flip : new int[] {0x01, 0x80}) {
        byte[] altered = box.clone();
        altered[i] ^= (byte) flip;
        SealedKeys sealed = SealedKeys.newBuilder().setMember(anaProfile.getSigningKey())
            .setSealed(ByteString.copyFrom(altered)).build();
        assertEquals(Optional.empty(), EpochKeySeal.open(ana, collective, sealed, slot),
            "byte " + i + " ^ " + flip);
      }
    }
  }

  @Test
  void aTruncatedOrEmptyBoxIsRefused() {
    byte[] box = EpochKeySeal.seal(randomness, collective, anaProfile, keys, slot).getSealed()
        .toByteArray();
    for (int length = 0; length < box.length; length++) {
      SealedKeys sealed = SealedKeys.newBuilder().setMember(anaProfile.getSigningKey())
          .setSealed(ByteString.copyFrom(Arrays.copyOf(box, length))).build();
      assertEquals(Optional.empty(), EpochKeySeal.open(ana, collective, sealed, slot),
          "cut to " + length);
    }
  }

  @Test
  void keysOfTheWrongLengthAreRefusedEvenIfSealedProperly() {
    for (int length : new int[] {0, 31, 33}) {
      EpochKeys shortNetwork = keys.toBuilder()
          .setNetworkKey(ByteString.copyFrom(new byte[length])).build();
      EpochKeys shortContent = keys.toBuilder()
          .setContentKey(ByteString.copyFrom(new byte[length])).build();
      for (EpochKeys bad : new EpochKeys[] {shortNetwork, shortContent}) {
        SealedKeys sealed = EpochKeySeal.seal(randomness, collective, anaProfile, bad, slot);
        assertEquals(Optional.empty(), EpochKeySeal.open(ana, collective, sealed, slot),
            length + "-byte key");
      }
    }
  }

  @Test
  void sealingToAnUnusableAgreementKeyIsAProgrammingError() {
    MemberProfile lowOrder = anaProfile.toBuilder()
        .setAgreementKey(ByteString.copyFrom(new byte[32])).build();
    assertThrows(IllegalArgumentException.class,
        () -> EpochKeySeal.seal(randomness, collective, lowOrder, keys, slot));
  }

  @Test
  void aBoxOpensOnlyInTheSlotItWasSealedFor() {
    SealedKeys sealed = EpochKeySeal.seal(randomness, collective, anaProfile, keys, slot);
    ByteString otherCause = ByteString.copyFrom(randomness.bytes(32));
    for (EpochKeySeal.Slot elsewhere : List.of(EpochKeySeal.Slot.rotation(3, otherCause),
        EpochKeySeal.Slot.rotation(4, cause), EpochKeySeal.Slot.joined(3, cause),
        EpochKeySeal.Slot.genesis())) {
      assertEquals(Optional.empty(), EpochKeySeal.open(ana, collective, sealed, elsewhere),
          "replayed into " + elsewhere);
    }
  }

  @Test
  void keysOfAnotherEpochThanTheirSlotAreNeitherSealedNorOpened() {
    EpochKeys relabelled = keys.toBuilder().setEpoch(2).build();
    assertThrows(IllegalArgumentException.class,
        () -> EpochKeySeal.seal(randomness, collective, anaProfile, relabelled, slot));
    // Sealed by hand with the right context, the inner epoch still has to match.
    EpochKeySeal.Slot claimed = EpochKeySeal.Slot.rotation(2, cause);
    SealedKeys sealed = EpochKeySeal.seal(randomness, collective, anaProfile, relabelled,
        claimed);
    assertEquals(Optional.of(relabelled), EpochKeySeal.open(ana, collective, sealed, claimed));
    assertEquals(Optional.empty(), EpochKeySeal.open(ana, collective, sealed, slot));
  }

  @Test
  void eachSealingIsFresh() {
    SealedKeys first = EpochKeySeal.seal(randomness, collective, anaProfile, keys, slot);
    SealedKeys second = EpochKeySeal.seal(randomness, collective, anaProfile, keys, slot);
    assertFalse(Arrays.equals(first.getSealed().toByteArray(), second.getSealed().toByteArray()));
    assertArrayEquals(EpochKeySeal.open(ana, collective, first, slot).orElseThrow().toByteArray(),
        EpochKeySeal.open(ana, collective, second, slot).orElseThrow().toByteArray());
    assertTrue(first.getSealed().size() > SealedBox.OVERHEAD);
  }

  private static boolean contains(byte[] haystack, byte[] needle) {
    return org.tend.node.DiskScan.indexOf(haystack, needle) >= 0;
  }
}
