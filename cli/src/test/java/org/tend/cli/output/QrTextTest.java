package org.tend.cli.output;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The terminal QR code decodes, with an independent reader, to exactly the invite code. */
class QrTextTest {
  private static final String CODE = "TEND-AEAQC-AIBAE-AQCAI-BAEAQ-CAIBA-EAQCA-IBAEA-QCAIB-AEAQC"
      + "-AIBAE-AQCAI-BAEAQ-CAIBA-EAQCA-IBAEA-QCAIB-AEAQC-AIBAE-AQCAI-BAEAQ-CAIBA-EAQCA-IBAE";

  @Test
  void decodesBackToTheCode() throws Exception {
    String[] lines = QrText.render(CODE).split("\n");
    int width = lines[0].length();
    int height = lines.length * 2;
    int scale = 4;
    int[] pixels = new int[width * scale * height * scale];
    for (int row = 0; row < lines.length; row++) {
      for (int x = 0; x < width; x++) {
        char c = lines[row].charAt(x);
        boolean top = c == '█' || c == '▀';
        boolean bottom = c == '█' || c == '▄';
        paint(pixels, width * scale, x, row * 2, scale, top);
        paint(pixels, width * scale, x, row * 2 + 1, scale, bottom);
      }
    }
    var source = new RGBLuminanceSource(width * scale, height * scale, pixels);
    String decoded = new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(source)),
        Map.of(DecodeHintType.PURE_BARCODE, Boolean.FALSE)).getText();
    assertEquals(CODE, decoded);
  }

  private static void paint(int[] pixels, int stride, int x, int y, int scale, boolean light) {
    int colour = light ? 0xFFFFFF : 0x000000;
    for (int dy = 0; dy < scale; dy++) {
      for (int dx = 0; dx < scale; dx++) {
        pixels[(y * scale + dy) * stride + x * scale + dx] = colour;
      }
    }
  }
}
