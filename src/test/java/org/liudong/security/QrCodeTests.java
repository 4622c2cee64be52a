package org.liudong.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The enrolment's QR code reads back, by a QR decoder, as exactly the otpauth:// address. */
class QrCodeTests {

    private static final Pattern VIEW_BOX = Pattern.compile("viewBox=\"0 0 (\\d+) \\1\"");
    private static final Pattern RUN = Pattern.compile("M(\\d+) (\\d+)h(\\d+)v1h-\\3z");

    @Test
    void theDrawnCodeDecodesToTheEnrolmentAddress() throws Exception {
        String uri = Totp.uri("Liudong", "shijingshan.wang-li", Totp.newSecret());

        String svg = QrCode.svg(uri, 220);

        assertThat(svg).startsWith("<svg").endsWith("</svg>").contains("width=\"220\"");
        assertThat(decode(svg)).isEqualTo(uri);
    }

    @Test
    void aDifferentSecretDrawsADifferentCode() throws Exception {
        String one = Totp.uri("Liudong", "a", Totp.newSecret());
        String other = Totp.uri("Liudong", "a", Totp.newSecret());

        assertThat(QrCode.svg(one, 220)).isNotEqualTo(QrCode.svg(other, 220));
        assertThat(decode(QrCode.svg(other, 220))).isEqualTo(other);
    }

    /**
     * Paints the SVG's unit squares, four pixels a module, inside a white margin of four modules (the quiet zone a
     * printed code has around it), and reads it as a scanner reads a clean image (searching for the finder patterns
     * instead missed them for about one random secret in a hundred).
     */
    static String decode(String svg) throws Exception {
        var box = VIEW_BOX.matcher(svg);
        assertThat(box.find()).as("a square viewBox").isTrue();
        int modules = Integer.parseInt(box.group(1));
        int scale = 4;
        int margin = 4;
        int side = (modules + 2 * margin) * scale;
        int[] pixels = new int[side * side];
        java.util.Arrays.fill(pixels, 0xFFFFFF);
        var run = RUN.matcher(svg);
        int runs = 0;
        while (run.find()) {
            runs++;
            int x0 = Integer.parseInt(run.group(1));
            int y = Integer.parseInt(run.group(2));
            int length = Integer.parseInt(run.group(3));
            for (int x = x0; x < x0 + length; x++) {
                for (int dy = 0; dy < scale; dy++) {
                    for (int dx = 0; dx < scale; dx++) {
                        pixels[((y + margin) * scale + dy) * side + (x + margin) * scale + dx] = 0;
                    }
                }
            }
        }
        assertThat(runs).as("dark runs drawn").isGreaterThan(20);
        var bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(side, side, pixels)));
        // a drawn code, not a photograph: the decoder may read it module by module
        var hints = java.util.Map.of(com.google.zxing.DecodeHintType.PURE_BARCODE, Boolean.TRUE);
        return new QRCodeReader().decode(bitmap, hints).getText();
    }
}
