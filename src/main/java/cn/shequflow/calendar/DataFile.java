package cn.shequflow.calendar;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A CSV file analysts edit by hand (holiday table, duty roster): each line decoded strictly as UTF-8 on its own, so a
 * file saved as GBK fails with its line number instead of turning into mojibake; '#' comments and blank lines skipped;
 * the header checked; every problem names the file, the line number and the line.
 */
public final class DataFile {

  private DataFile() {}

  /** A data line of the file, numbered as an editor shows it. */
  public record Row(String fileLabel, String source, int number, String line) {

    /** The comma-separated fields of the line, at most {@code limit} (the last keeps any further commas). */
    public String[] fields(int limit) {
      return line.strip().split(",", limit);
    }

    /** The error for this line: "节假日表 … 第7行（line 7）有误：reason。该行内容：…". */
    public IllegalStateException bad(String reason) {
      return new IllegalStateException(fileLabel + " " + source + " 第" + number + "行（line " + number + "）有误："
          + reason + "。该行内容：" + line);
    }
  }

  /** The data rows after the header; the first meaningful line must be {@code header}. */
  public static List<Row> rows(byte[] bytes, String fileLabel, String source, String header) {
    List<Row> rows = new ArrayList<>();
    boolean headerSeen = false;
    int number = 0;
    int start = 0;
    for (int i = 0; i <= bytes.length; i++) {
      if (i != bytes.length && bytes[i] != '\n') {
        continue;
      }
      int end = i > start && bytes[i - 1] == '\r' ? i - 1 : i;
      if (i == bytes.length && end == start) {
        break;
      }
      number++;
      Row row = new Row(fileLabel, source, number, decode(bytes, start, end, fileLabel, source, number));
      start = i + 1;
      String text = row.line().strip();
      if (text.isEmpty() || text.startsWith("#")) {
        continue;
      }
      if (!headerSeen) {
        if (!text.replace(" ", "").equalsIgnoreCase(header)) {
          throw row.bad("第一行有效内容必须是表头 " + header);
        }
        headerSeen = true;
        continue;
      }
      rows.add(row);
    }
    if (!headerSeen) {
      throw new IllegalStateException(fileLabel + " " + source + " 为空或缺少表头 " + header);
    }
    return rows;
  }

  private static String decode(byte[] bytes, int start, int end, String fileLabel, String source, int number) {
    try {
      String line = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes, start, end - start)).toString();
      // Excel's "CSV UTF-8" starts the file with a byte-order mark
      return number == 1 && line.startsWith("\uFEFF") ? line.substring(1) : line;
    } catch (CharacterCodingException e) {
      throw new Row(fileLabel, source, number, new String(bytes, start, end - start, StandardCharsets.UTF_8))
          .bad("不是有效的 UTF-8 编码，请用 UTF-8 保存（Excel：另存为“CSV UTF-8”）");
    }
  }
}
