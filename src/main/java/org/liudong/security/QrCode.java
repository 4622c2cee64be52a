package org.liudong.security;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.util.Map;

/**
 * A QR code as inline SVG, for an authenticator app to scan the enrolment's otpauth:// address instead of a
 * worker typing 32 letters into a phone. Drawn on the server (no script, nothing fetched, fine under the
 * page's content security policy); the secret never leaves the page it is shown on.
 */
final class QrCode {

    /** The quiet zone around the code, in modules, as the QR standard asks. */
    static final int MARGIN = 4;

    private QrCode() {}

    /** The code of {@code text} as an SVG element {@code pixels} wide, one path of unit squares. */
    static String svg(String text, int pixels) {
        BitMatrix matrix;
        try {
            matrix = new QRCodeWriter()
                    .encode(
                            text,
                            BarcodeFormat.QR_CODE,
                            0,
                            0,
                            Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 0));
        } catch (WriterException e) {
            throw new IllegalArgumentException("Cannot encode " + text.length() + " characters as a QR code", e);
        }
        int size = matrix.getWidth() + 2 * MARGIN;
        StringBuilder svg = new StringBuilder(64 + matrix.getWidth() * matrix.getHeight() * 8);
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" aria-hidden=\"true\" viewBox=\"0 0 ")
                .append(size)
                .append(' ')
                .append(size)
                .append("\" width=\"")
                .append(pixels)
                .append("\" height=\"")
                .append(pixels)
                .append("\" shape-rendering=\"crispEdges\"><rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>")
                .append("<path fill=\"#000\" d=\"");
        for (int y = 0; y < matrix.getHeight(); y++) {
            for (int x = 0; x < matrix.getWidth(); x++) {
                if (!matrix.get(x, y)) {
                    continue;
                }
                int run = 1;
                while (x + run < matrix.getWidth() && matrix.get(x + run, y)) {
                    run++;
                }
                svg.append('M')
                        .append(x + MARGIN)
                        .append(' ')
                        .append(y + MARGIN)
                        .append('h')
                        .append(run)
                        .append("v1h-")
                        .append(run)
                        .append('z');
                x += run - 1;
            }
        }
        return svg.append("\"/></svg>").toString();
    }
}
