package cn.shequflow.deployment;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Reads every BPMN, DMN and form under processes/ and forms/, keyed by the path relative to the models root
 * ("processes/reception.bpmn"), from the folder when it exists, else from the jar's packaged copy.
 */
final class ModelSource {

  static final String[] FOLDERS = {"processes", "forms"};
  static final String CLASSPATH_ROOT = "models/";

  private final Path root;

  ModelSource(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  boolean usesFolder() {
    for (String folder : FOLDERS) {
      if (Files.isDirectory(root.resolve(folder))) {
        return true;
      }
    }
    return false;
  }

  String describe() {
    return usesFolder() ? root.toString() : "classpath:" + CLASSPATH_ROOT + " (jar)";
  }

  /** Resource name → content, in a stable order. */
  Map<String, byte[]> read() {
    return usesFolder() ? readFolder() : readClasspath();
  }

  static boolean isModel(String name) {
    return name.endsWith(".bpmn") || name.endsWith(".dmn") || name.endsWith(".form");
  }

  private Map<String, byte[]> readFolder() {
    Map<String, byte[]> models = new TreeMap<>();
    for (String folder : FOLDERS) {
      Path dir = root.resolve(folder);
      if (!Files.isDirectory(dir)) {
        continue;
      }
      try (Stream<Path> files = Files.walk(dir)) {
        files.filter(Files::isRegularFile).filter(p -> isModel(p.getFileName().toString())).forEach(p -> {
          String name = root.relativize(p).toString().replace('\\', '/');
          try {
            models.put(name, Files.readAllBytes(p));
          } catch (IOException e) {
            throw new UncheckedIOException("无法读取模型文件 " + name, e);
          }
        });
      } catch (IOException e) {
        throw new UncheckedIOException("无法读取模型目录 " + dir, e);
      }
    }
    return models;
  }

  private Map<String, byte[]> readClasspath() {
    Map<String, byte[]> models = new TreeMap<>();
    PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
    for (String folder : FOLDERS) {
      try {
        for (Resource resource : resolver.getResources("classpath*:" + CLASSPATH_ROOT + folder + "/**/*")) {
          String url = resource.getURL().toString();
          int at = url.lastIndexOf("/" + CLASSPATH_ROOT + folder + "/");
          if (at < 0 || !resource.isReadable() || !isModel(url)) {
            continue;
          }
          String name = url.substring(at + 1 + CLASSPATH_ROOT.length());
          try (InputStream in = resource.getInputStream()) {
            models.put(name, in.readAllBytes());
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("无法读取打包的模型 " + folder, e);
      }
    }
    return models;
  }
}
