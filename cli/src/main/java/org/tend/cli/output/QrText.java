package org.tend.cli.output;

import io.nayuki.qrcodegen.QrCode;
import io.nayuki.qrcodegen.QrSegment;
import java.util.List;

/**
 * A QR code drawn with block characters, two module rows per text line, for a phone to scan
 * off the terminal. Light modules and the quiet zone are drawn as blocks and dark modules as
 * blanks, which reads as a normal code on the usual light-on-dark terminal.
 */
public final class QrText {
  private static final int QUIET = 2;

  private QrText() {
  }

  /** Invite codes are upper-case base32 and dashes: QR's compact alphanumeric mode fits them. */
  public static String render(String text) {
    QrCode qr = QrCode.encodeSegments(List.of(QrSegment.makeAlphanumeric(text)), QrCode.Ecc.MEDIUM);
    StringBuilder out = new StringBuilder();
    for (int y = -QUIET; y < qr.size + QUIET; y += 2) {
      for (int x = -QUIET; x < qr.size + QUIET; x++) {
        boolean top = light(qr, x, y);
        boolean bottom = light(qr, x, y + 1);
        out.append(top && bottom ? '█' : top ? '▀' : bottom ? '▄' : ' ');
      }
      out.append('\n');
    }
    return out.toString();
  }

  private static boolean light(QrCode qr, int x, int y) {
    return !qr.getModule(x, y); // outside the code getModule is false: the quiet zone is light
  }
}
