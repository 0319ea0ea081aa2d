package org.tend.node.collective;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tend.node.api.collective.CollectiveId;
import org.tend.protocol.crypto.SecretBytes;

/**
 * The join request's invite proof, the epoch-key box context and a rotation part's encoding,
 * byte for byte against {@code vectors/golden/membership.txt}, which was computed by an
 * independent implementation.
 */
class MembershipGoldenTest {
  private static final HexFormat HEX = HexFormat.of();
  private static final CollectiveId COLLECTIVE =
      CollectiveId.of(HEX.parseHex("00112233445566778899aabbccddeeff"));
  private static final ByteString JOINER = ByteString.copyFrom(range(0x20, 0x40));
  private static final ByteString INVITE = ByteString.copyFrom(range(0xa0, 0xb0));
  private static final ByteString CAUSE = ByteString.copyFrom(range(0x60, 0x80));

  @Test
  void theInviteProofMatchesTheGoldenVector() throws IOException {
    try (SecretBytes joinKey = SecretBytes.copyOf(range(0x40, 0x60))) {
      byte[] proof = JoinSignatures.inviteProof(joinKey, COLLECTIVE, INVITE, JOINER);
      assertEquals(golden().get("invite_proof"), HEX.formatHex(proof));
      assertTrue(JoinSignatures.provesInvite(range(0x40, 0x60), COLLECTIVE, INVITE, JOINER,
          ByteString.copyFrom(proof)));
      assertFalse(JoinSignatures.provesInvite(range(0x41, 0x61), COLLECTIVE, INVITE, JOINER,
          ByteString.copyFrom(proof)), "another invite's key makes another proof");
    }
  }

  @Test
  void theKeySealContextsMatchTheGoldenVectors() throws IOException {
    Map<String, String> golden = golden();
    assertEquals(golden.get("key_seal_context_rotation_3"), HEX.formatHex(EpochKeySeal.context(
        COLLECTIVE, JOINER, EpochKeySeal.Slot.rotation(3, CAUSE))));
    assertEquals(golden.get("key_seal_context_joined_2"), HEX.formatHex(EpochKeySeal.context(
        COLLECTIVE, JOINER, EpochKeySeal.Slot.joined(2, INVITE))));
    assertEquals(golden.get("key_seal_context_genesis"), HEX.formatHex(EpochKeySeal.context(
        COLLECTIVE, JOINER, EpochKeySeal.Slot.genesis())));
  }

  @Test
  void aRotationPartEncodesAsTheGoldenVector() throws Exception {
    org.tend.protocol.proto.KeysRotated part = org.tend.protocol.proto.KeysRotated.newBuilder()
        .setEpoch(3).setCause(CAUSE)
        .addKeys(org.tend.protocol.proto.SealedKeys.newBuilder().setMember(JOINER)
            .setSealed(ByteString.copyFrom(range(0xc0, 0xd0))))
        .setPart(1).setParts(4).setPreviousPart(ByteString.copyFrom(range(0x80, 0xa0)))
        .build();
    assertEquals(golden().get("keys_rotated_part"), HEX.formatHex(part.toByteArray()));
    assertEquals(part, org.tend.protocol.proto.KeysRotated.parseFrom(
        HEX.parseHex(golden().get("keys_rotated_part"))));
  }

  private static Map<String, String> golden() throws IOException {
    Map<String, String> out = new LinkedHashMap<>();
    try (InputStream in = MembershipGoldenTest.class.getResourceAsStream(
        "/vectors/golden/membership.txt")) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!line.startsWith("#") && !line.isBlank()) {
          String[] parts = line.strip().split(" ");
          out.put(parts[0], parts[1]);
        }
      }
    }
    return out;
  }

  private static byte[] range(int from, int to) {
    byte[] out = new byte[to - from];
    for (int i = 0; i < out.length; i++) {
      out[i] = (byte) (from + i);
    }
    return out;
  }
}
