package cn.shequflow.household;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * 300 made-up households (100 in each demo grid) so visits and coverage have something to work on; written once,
 * on an empty registry, through the real import.
 */
@Component
@Profile("!prod & !test")
// --shequ.demo.data=false: demo users without demo data (a quicker start, e.g. the durability test's own JVM)
@ConditionalOnProperty(name = "shequ.demo.data", havingValue = "true", matchIfMissing = true)
class DemoHouseholds {

  private static final Logger LOG = LoggerFactory.getLogger(DemoHouseholds.class);

  static final int PER_GRID = 100;
  static final String[] GRIDS = {"grid-1", "grid-2", "grid-3"};
  private static final String[] SURNAMES = ("王 李 张 刘 陈 杨 赵 黄 周 吴 徐 孙 马 朱 胡 郭 何 高 林 罗 郑 梁 谢 宋 唐 许 韩 冯 邓 曹 "
      + "彭 曾 肖 田 董 袁 潘 于 蒋 蔡 余 杜 叶 程 苏 魏 吕 丁 任 沈 姚 卢 姜 崔 钟 谭 陆 范 金 石 贾 付 白 邹 孟 秦 尹 薛 闫 段 "
      + "侯 史 郝 邵 关 佟 那 鲍").split(" ");
  private static final String[] GIVEN_NAMES = ("秀英 桂兰 秀兰 玉兰 淑珍 凤英 桂芝 玉梅 淑兰 凤霞 丽华 海燕 春梅 秀云 丽娟 建国 "
      + "建华 国强 志强 振华 德福 长海 立新 国庆 永刚 志刚 宝山 玉林 福林 伟 强 磊 军 洋 勇 艳 杰 娟 涛 超 静 敏 丹 宇 鹏 "
      + "博 欣怡 子轩 浩然 雨桐 晓东 晓丽 红梅 红军 文博 俊杰 金凤 成林").split(" ");
  /** Streets of each grid, in 崔东街道 of 本溪市平山区. */
  private static final String[][] STREETS = {
      {"东兴路", "崔东路", "平山路"}, {"胜利路", "光明路", "友谊街"}, {"和平路", "新华街", "永丰路"}};
  private static final String ADDRESS_PREFIX = "本溪市平山区崔东街道";

  private final HouseholdRepository repository;
  private final HouseholdImporter importer;

  DemoHouseholds(HouseholdRepository repository, HouseholdImporter importer) {
    this.repository = repository;
    this.importer = importer;
  }

  @EventListener
  @Order(100) // before the demo visit plan, which needs the households
  public void create(ApplicationReadyEvent event) {
    if (repository.count() > 0) {
      return;
    }
    ImportReport report = importer.importFile("演示户籍.csv", csv(new Random(20260930L)), progress -> {});
    if (report.ok()) {
      LOG.info("已导入演示户籍 {} 户（第一、二、三网格各 {} 户）", report.inserted(), PER_GRID);
    } else {
      LOG.warn("演示户籍未能导入：{} {}", report.message(), report.errors());
    }
  }

  /** The demo registry as the community would upload it: a UTF-8 CSV with the Chinese header. */
  static byte[] csv(Random random) {
    StringBuilder csv = new StringBuilder("户编号,网格,地址,户主姓名,联系电话,微信,QQ,家庭人口,特殊类型\n");
    Set<String> phones = new LinkedHashSet<>();
    for (int g = 0; g < GRIDS.length; g++) {
      Set<String> addresses = new LinkedHashSet<>();
      for (int i = 1; i <= PER_GRID; i++) {
        String address;
        do {
          address = ADDRESS_PREFIX + STREETS[g][random.nextInt(STREETS[g].length)] + (1 + random.nextInt(40)) + "号楼"
              + (1 + random.nextInt(6)) + "单元" + (1 + random.nextInt(7)) + "0" + (1 + random.nextInt(2)) + "室";
        } while (!addresses.add(address));
        String phone;
        if (random.nextInt(10) == 0) {
          phone = "0414-28" + String.format("%05d", random.nextInt(100_000));
        } else {
          do {
            phone = "139414" + String.format("%05d", random.nextInt(100_000));
          } while (!phones.add(phone));
        }
        List<String> types = new ArrayList<>();
        int members = 1 + random.nextInt(6);
        if (random.nextInt(5) == 0) {
          switch (random.nextInt(9)) {
            case 0 -> { types.add("独居老人"); types.add("高龄老人"); members = 1; }
            case 1 -> { types.add("孤寡老人"); members = 1; }
            case 2 -> types.add("高龄老人");
            case 3 -> types.add("残疾人");
            case 4 -> { types.add("低保户"); types.add("残疾人"); }
            case 5 -> { types.add("留守儿童"); members = Math.max(members, 2); }
            case 6 -> { types.add("困境儿童"); types.add("低保户"); members = Math.max(members, 2); }
            case 7 -> types.add("家暴受害人");
            default -> types.add("重点关注家庭");
          }
        }
        String wechat = random.nextInt(2) == 0 ? "wxid_" + Long.toString(random.nextLong() >>> 24, 36) : "";
        String qq = random.nextInt(10) < 3 ? String.valueOf(100_000_000 + random.nextInt(900_000_000)) : "";
        csv.append(String.format("CD%02d-%04d", g + 1, i)).append(',')
            .append(GRIDS[g]).append(',')
            .append(address).append(',')
            .append(SURNAMES[random.nextInt(SURNAMES.length)])
            .append(GIVEN_NAMES[random.nextInt(GIVEN_NAMES.length)]).append(',')
            .append(phone).append(',')
            .append(wechat).append(',')
            .append(qq).append(',')
            .append(members).append(',')
            .append(String.join("、", types)).append('\n');
      }
    }
    return csv.toString().getBytes(StandardCharsets.UTF_8);
  }
}
