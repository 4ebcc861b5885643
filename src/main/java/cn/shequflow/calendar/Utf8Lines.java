package cn.shequflow.calendar;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * The lines of a data file analysts edit (holiday table, duty roster), each decoded strictly as UTF-8 on its own, so
 * a file saved as GBK fails with its line number instead of turning into mojibake.
 */
public final class Utf8Lines {

  /** Shown to analysts whose editor saved the file in another encoding. */
  public static final String NOT_UTF8 = "不是有效的 UTF-8 编码，请用 UTF-8 保存（Excel：另存为“CSV UTF-8”）";

  private Utf8Lines() {}

  /**
   * Line n of the result is line n + 1 of the file, without '\r' and without Excel's byte-order mark; an undecodable
   * line n throws what {@code badLine} makes of (n, the line as far as readable).
   */
  public static List<String> of(byte[] bytes, BiFunction<Integer, String, RuntimeException> badLine) {
    List<String> lines = new ArrayList<>();
    int start = 0;
    for (int i = 0; i <= bytes.length; i++) {
      if (i == bytes.length || bytes[i] == '\n') {
        int end = i > start && bytes[i - 1] == '\r' ? i - 1 : i;
        if (i < bytes.length || end > start) {
          lines.add(decode(bytes, start, end, lines.size() + 1, badLine));
        }
        start = i + 1;
      }
    }
    if (!lines.isEmpty() && lines.get(0).startsWith("\uFEFF")) {
      lines.set(0, lines.get(0).substring(1));
    }
    return lines;
  }

  private static String decode(byte[] bytes, int start, int end, int lineNo,
      BiFunction<Integer, String, RuntimeException> badLine) {
    try {
      return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes, start, end - start)).toString();
    } catch (CharacterCodingException e) {
      throw badLine.apply(lineNo, new String(bytes, start, end - start, StandardCharsets.UTF_8));
    }
  }
}
