package cn.shequflow.webapp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;
import java.util.Map;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The browser tests' Chromium (Debian chromium + chromium-driver): a headless Chinese browser (--lang=zh-CN,
 * Accept-Language zh-CN, TZ Asia/Shanghai) against the test's server, skipped when Chromium is not installed unless
 * SHEQU_REQUIRE_BROWSER is set (CI), with the Tasklist login, full-page screenshots into target/screenshots/&lt;dir&gt;
 * and the check that a page's visible text holds no English word.
 */
public final class Chromium implements AutoCloseable {

  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  /** An English word on a Tasklist or staff page: three or more Latin letters standing alone. */
  public static final Pattern ENGLISH_WORD = Pattern.compile("\\b[A-Za-z]{3,}\\b");
  /** A code: letters and digits joined by hyphens (JD20261202-00001, ZB-2026-11-25-白班). */
  static final Pattern CODE = Pattern.compile("[A-Za-z0-9]+(?:-[A-Za-z0-9]+)+");
  /**
   * What the bad-input tests leave in the shared test database as residents' names and addresses (an
   * {@code <img src=x>} address, a {@code <script>alert(1)</script>} name, an expression, a path…): shown escaped as
   * text in the lists a walk passes, they are data, not the app's words.
   */
  static final List<String> SHARED_DATABASE_DATA = List.of("img", "src", "script", "alert", "drop", "table",
      "household", "etc", "passwd", "execution", "getProcessEngineServices", "abc");
  /** Latin words a worker may read in Tasklist: product names and the time zone. */
  public static final List<String> TASKLIST_ALLOWED = java.util.stream.Stream.concat(Stream.of("Camunda", "Platform",
      "Asia", "Shanghai", "Cockpit", "Tasklist"), SHARED_DATABASE_DATA.stream()).toList();
  /** On the staff pages also the file types of the household import (Excel .xlsx or CSV). */
  public static final List<String> STAFF_ALLOWED = java.util.stream.Stream.concat(TASKLIST_ALLOWED.stream(),
      java.util.stream.Stream.of("Excel", "xlsx", "CSV")).toList();

  private final ChromeDriver driver;
  private final WebDriverWait wait;
  private final String base;
  private final Path shots;

  private Chromium(ChromeDriver driver, String base, Path shots) {
    this.driver = driver;
    // a page that is replaced while a condition reads it (a form posted, Tasklist refreshing) is read again
    this.wait = new WebDriverWait(driver, Duration.ofSeconds(30));
    this.wait.ignoring(StaleElementReferenceException.class);
    this.base = base;
    this.shots = shots;
  }

  /**
   * A new browser window of 1400 × 1000 for the server on this port; screenshots go to target/screenshots/dir
   * (target/screenshots when dir is empty). Aborts the test when Chromium is missing, unless CI requires it.
   */
  public static Chromium start(int port, String dir) throws Exception {
    return start(port, dir, "1400,1000");
  }

  /** A new browser window of the given size ("width,height") with more command-line switches. */
  public static Chromium start(int port, String dir, String windowSize, String... extraArguments) throws Exception {
    boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    if (!installed && System.getenv("SHEQU_REQUIRE_BROWSER") == null) {
      Assumptions.abort("Chromium 未安装（apt-get install chromium chromium-driver），跳过浏览器测试");
    }
    assertThat(installed).as("CI needs /usr/bin/chromium and /usr/bin/chromedriver").isTrue();
    Path shots = dir.isEmpty() ? Path.of("target", "screenshots") : Path.of("target", "screenshots", dir);
    Files.createDirectories(shots);
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    List<String> arguments = new ArrayList<>(List.of("--headless", "--no-sandbox", "--disable-gpu",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
        "--no-first-run", "--window-size=" + windowSize, "--lang=zh-CN",
        "--user-data-dir=" + Files.createTempDirectory("chromium")));
    arguments.addAll(List.of(extraArguments));
    options.addArguments(arguments);
    options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "zh-CN,zh"));
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(CHROMEDRIVER.toFile())
        .withEnvironment(Map.of("TZ", "Asia/Shanghai"))
        .build();
    return new Chromium(new ChromeDriver(service, options), "http://localhost:" + port, shots);
  }

  public ChromeDriver driver() {
    return driver;
  }

  public WebDriverWait waiter() {
    return wait;
  }

  /** The server's address, e.g. http://localhost:43123. */
  public String base() {
    return base;
  }

  /** Opens a path of the server (/staff, /print/receipt/…). */
  public void open(String path) {
    driver.get(base + path);
  }

  /** Logs in to Tasklist with the demo password. */
  public void login(String user) {
    login("tasklist", user);
  }

  /** Logs in to a webapp (tasklist, cockpit …) with the demo password; the session serves the staff pages too. */
  public void login(String app, String user) {
    driver.get(base + "/camunda/app/" + app + "/");
    WebElement name = wait.until(ExpectedConditions.visibilityOfElementLocated(
        By.cssSelector("input[placeholder='用户名']")));
    name.sendKeys(user);
    driver.findElement(By.cssSelector("input[placeholder='密码']")).sendKeys("demo", Keys.ENTER);
    wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("input[placeholder='用户名']")));
  }

  public void logout() {
    driver.manage().deleteAllCookies();
  }

  /** The visible text of the page. */
  public String text() {
    return driver.findElement(By.tagName("body")).getText();
  }

  public Object js(String script, Object... arguments) {
    return ((JavascriptExecutor) driver).executeScript(script, arguments);
  }

  /** Scrolls the element to the middle first: Tasklist's sticky form footer would otherwise take the click. */
  public void scrollTo(WebElement element) {
    js("arguments[0].scrollIntoView({block: 'center'});", element);
  }

  /**
   * Clicks as a person would: closes Tasklist's notices first ("在同一流程中，您还负责以下任务" can cover the 完成
   * button) and scrolls the element to the middle (the sticky form footer would otherwise take the click).
   */
  public void click(By locator) {
    for (WebElement close : driver.findElements(By.cssSelector(".page-notifications .close"))) {
      if (close.isDisplayed()) {
        close.click();
      }
    }
    // a list that refreshes between finding and clicking: find it again
    new WebDriverWait(driver, Duration.ofSeconds(30)).ignoring(StaleElementReferenceException.class).until(d -> {
      WebElement element = ExpectedConditions.elementToBeClickable(locator).apply(d);
      if (element == null) {
        return false;
      }
      scrollTo(element);
      element.click();
      return true;
    });
  }

  /** A step of a walk through the app: the page's screenshot, then the check that it reads without English. */
  public void check(String shot, Collection<String> allowed) throws Exception {
    screenshot(shot);
    assertNoEnglish(shot, allowed);
  }

  /** The whole page, not only its first screen, as dir/name.png. */
  public Path screenshot(String name) throws Exception {
    Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot",
        Map.of("format", "png", "captureBeyondViewport", true));
    Path file = shots.resolve(name + ".png");
    Files.write(file, Base64.getDecoder().decode((String) shot.get("data")));
    return file;
  }

  /** The page as it is, for a failed test: dir/name.png and dir/name.html. */
  public void dump(String name) {
    try {
      screenshot(name);
      Files.writeString(shots.resolve(name + ".html"), driver.getPageSource());
    } catch (Exception | AssertionError broken) {
      // the browser is gone: nothing to keep
    }
  }

  /** The visible text of the page without its tables' bodies: the page's own words, not the cases it lists. */
  public String textOutsideTables() {
    return (String) js("const copy = document.body.cloneNode(true);"
        + "copy.querySelectorAll('tbody').forEach(b => b.remove()); document.body.appendChild(copy);"
        + "copy.style.position = 'absolute'; const text = copy.innerText; copy.remove(); return text;");
  }

  /** The page's visible text holds no {@link #ENGLISH_WORD} outside the allowed words. */
  public void assertNoEnglish(String page, Collection<String> allowed) {
    assertNoEnglish(page, ENGLISH_WORD, allowed);
  }

  /**
   * The page's visible text holds no match of the word pattern outside the allowed words. Codes — case, shift, visit
   * and household numbers such as ZB-2026-11-25-白班 or ZF-A1-001-2026-12 — are not words a worker reads as English.
   */
  public void assertNoEnglish(String page, Pattern word, Collection<String> allowed) {
    String text = text();
    assertThat(englishWords(CODE.matcher(text).replaceAll(" "), word, allowed)).as("English words on %s: %s", page,
        text).isEmpty();
  }

  /** A web address printed for residents to type (http://…/public/lookup): an address, not English words. */
  static final Pattern ADDRESS = Pattern.compile("https?://\\S+");

  /** The words of the text that match the pattern and are not allowed, each once; web addresses are skipped. */
  public static List<String> englishWords(String text, Pattern word, Collection<String> allowed) {
    return word.matcher(ADDRESS.matcher(text).replaceAll(" ")).results().map(MatchResult::group)
        .filter(w -> !allowed.contains(w)).distinct().toList();
  }

  @Override
  public void close() {
    driver.quit();
  }
}
