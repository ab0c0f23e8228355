package org.oversight.verifier.report;

import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.openhtmltopdf.util.XRLog;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;

/**
 * Renders the HTML report ({@link HtmlReportWriter}) as an A4 PDF with openhtmltopdf (pure Java,
 * PDFBox): the same page, so the PDF a court files and the HTML it opens say the same thing.
 *
 * <p>Only the PDF standard fonts are used (nothing is loaded from the machine, so every machine
 * produces the same layout); they cover Windows-1252, so the few other characters the report uses
 * are spelled in ASCII first. The page is self-contained (the crop is a data URI), so nothing is
 * fetched while rendering. The PDF carries no creation date: the same report gives the same bytes.
 */
public final class PdfReportWriter {
    private PdfReportWriter() {}

    /** Characters outside the standard fonts' Windows-1252 repertoire, and their ASCII spelling. */
    private static final Map<Character, String> ASCII = Map.of(
            '≤', "<=", '≥', ">=", '→', "->", '←', "<-", '−', "-", '≠', "!=", '⌊', "floor(", '⌋', ")", '∈', " in ");

    /**
     * The PDF bytes of {@code html}, which must be well-formed XHTML as {@link HtmlReportWriter} writes it.
     *
     * @throws IOException if rendering fails
     */
    public static byte[] render(String html) throws IOException {
        quiet();
        ByteArrayOutputStream pdf = new ByteArrayOutputStream();
        PdfRendererBuilder builder = new PdfRendererBuilder();
        builder.useFastMode();
        builder.withHtmlContent(standardFontsOnly(html), null);
        builder.toStream(pdf);
        builder.run();
        return withoutWallClock(pdf.toByteArray());
    }

    /**
     * The same PDF without its creation date, and with a document id derived from the content
     * rather than the time: the same report renders to the same bytes on every run.
     */
    private static byte[] withoutWallClock(byte[] pdf) throws IOException {
        try (PDDocument doc = PDDocument.load(pdf)) {
            doc.getDocumentInformation().setCreationDate(null);
            doc.getDocumentInformation().setModificationDate(null);
            // Without an /ID, PDFBox derives a new one from the document id (instead of the current
            // time) and the document information.
            doc.getDocument().getTrailer().removeItem(COSName.ID);
            doc.setDocumentId(0L);
            ByteArrayOutputStream out = new ByteArrayOutputStream(pdf.length);
            doc.save(out);
            return out.toByteArray();
        }
    }

    /**
     * Keeps the renderer's progress and font-substitution messages off the CLI's stderr, which
     * carries only the verifier's own one-line errors (kept in fields: loggers are weakly held).
     */
    private static synchronized void quiet() {
        XRLog.setLoggingEnabled(false);
        PDFBOX_LOG.setLevel(Level.SEVERE);
    }

    private static final Logger PDFBOX_LOG = Logger.getLogger("org.apache.pdfbox");

    static String standardFontsOnly(String html) {
        StringBuilder out = new StringBuilder(html.length());
        for (int i = 0; i < html.length(); i++) {
            char c = html.charAt(i);
            String ascii = ASCII.get(c);
            if (ascii != null) {
                out.append(ascii);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
