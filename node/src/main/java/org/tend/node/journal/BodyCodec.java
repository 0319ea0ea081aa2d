package org.tend.node.journal;

import java.util.Optional;
import java.util.OptionalInt;
import org.tend.node.api.journal.EntryDetails;
import org.tend.node.api.repair.Need;
import org.tend.node.api.repair.SurvivalResponse;
import org.tend.protocol.proto.BodyRecord;
import org.tend.protocol.proto.NeedDetails;
import org.tend.protocol.proto.NoticeDetails;
import org.tend.protocol.proto.ReadinessDetails;
import org.tend.protocol.proto.StabilisationDetails;

/** Maps an entry's text and details to and from its stored body record. */
final class BodyCodec {
  static final int FORMAT = 1;

  private BodyCodec() {}

  static BodyRecord encode(String text, Optional<EntryDetails> details) {
    BodyRecord.Builder body = BodyRecord.newBuilder().setFormat(FORMAT).setText(text);
    details.ifPresent(d -> {
      if (d instanceof EntryDetails.Notice n) {
        NoticeDetails.Builder b = NoticeDetails.newBuilder()
            .addAllBodySignals(n.bodySignals())
            .setInvolves(n.involves());
        n.response().ifPresent(r -> b.setSurvivalResponse(toProto(r)));
        n.intensity().ifPresent(b::setIntensity);
        body.setNotice(b);
      } else if (d instanceof EntryDetails.Needs n) {
        NeedDetails.Builder b = NeedDetails.newBuilder()
            .setReconveneWhen(n.reconveneWhen())
            .setReconveneWhere(n.reconveneWhere());
        n.needs().forEach(need -> b.addNeeds(toProto(need)));
        body.setNeed(b);
      } else if (d instanceof EntryDetails.Stabilisation s) {
        body.setStabilisation(StabilisationDetails.newBuilder()
            .setDirection(s.direction()).addAllHelped(s.helped()));
      } else if (d instanceof EntryDetails.Readiness r) {
        ReadinessDetails.Builder b = ReadinessDetails.newBuilder();
        r.open().ifPresent(b::setOpen);
        r.settled().ifPresent(b::setSettled);
        r.compassionate().ifPresent(b::setCompassionate);
        body.setReadiness(b);
      }
    });
    return body.build();
  }

  static Optional<EntryDetails> details(BodyRecord body) {
    switch (body.getDetailsCase()) {
      case NOTICE: {
        NoticeDetails n = body.getNotice();
        return Optional.of(new EntryDetails.Notice(n.getBodySignalsList(),
            fromProto(n.getSurvivalResponse()),
            n.hasIntensity() ? OptionalInt.of(n.getIntensity()) : OptionalInt.empty(),
            n.getInvolves()));
      }
      case NEED: {
        NeedDetails n = body.getNeed();
        return Optional.of(new EntryDetails.Needs(
            n.getNeedsList().stream().map(BodyCodec::fromProto).flatMap(Optional::stream).toList(),
            n.getReconveneWhen(), n.getReconveneWhere()));
      }
      case STABILISATION:
        return Optional.of(new EntryDetails.Stabilisation(body.getStabilisation().getDirection(),
            body.getStabilisation().getHelpedList()));
      case READINESS: {
        ReadinessDetails r = body.getReadiness();
        return Optional.of(new EntryDetails.Readiness(
            r.hasOpen() ? Optional.of(r.getOpen()) : Optional.empty(),
            r.hasSettled() ? Optional.of(r.getSettled()) : Optional.empty(),
            r.hasCompassionate() ? Optional.of(r.getCompassionate()) : Optional.empty()));
      }
      default:
        return Optional.empty();
    }
  }

  private static org.tend.protocol.proto.SurvivalResponse toProto(SurvivalResponse r) {
    return r == SurvivalResponse.OTHER
        ? org.tend.protocol.proto.SurvivalResponse.OTHER_RESPONSE
        : org.tend.protocol.proto.SurvivalResponse.valueOf(r.name());
  }

  private static Optional<SurvivalResponse> fromProto(org.tend.protocol.proto.SurvivalResponse r) {
    switch (r) {
      case OTHER_RESPONSE:
        return Optional.of(SurvivalResponse.OTHER);
      case FIGHT:
      case FLIGHT:
      case FREEZE:
      case FAWN:
        return Optional.of(SurvivalResponse.valueOf(r.name()));
      default:
        return Optional.empty();
    }
  }

  private static org.tend.protocol.proto.Need toProto(Need n) {
    return n == Need.OTHER
        ? org.tend.protocol.proto.Need.OTHER_NEED
        : org.tend.protocol.proto.Need.valueOf(n.name());
  }

  private static Optional<Need> fromProto(org.tend.protocol.proto.Need n) {
    switch (n) {
      case OTHER_NEED:
        return Optional.of(Need.OTHER);
      case NEED_UNSPECIFIED:
      case UNRECOGNIZED:
        return Optional.empty();
      default:
        return Optional.of(Need.valueOf(n.name()));
    }
  }
}
