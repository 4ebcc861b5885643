package cn.shequflow.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import cn.shequflow.ShequFlowApplication;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/** Module boundaries: every top-level package under cn.shequflow is a module; none may depend on another in a cycle. */
class ModulesTest {

  static final ApplicationModules MODULES = ApplicationModules.of(ShequFlowApplication.class);

  @Test
  @DisplayName("模块之间没有循环依赖，也不访问其他模块的内部")
  void modulesHaveNoCyclesAndUseOnlyEachOthersApi() {
    MODULES.verify();
  }

  @Test
  @DisplayName("每个模块都有一句话的 package-info.java 说明它负责什么")
  void everyModuleSaysWhatItOwns() throws Exception {
    assertThat(MODULES.stream().count()).isGreaterThan(15);
    for (var module : MODULES) {
      String name = module.getBasePackage().getName();
      Path info = Path.of("src/main/java", name.replace('.', '/'), "package-info.java");
      assertThat(info).as(name).exists();
      assertThat(Files.readString(info)).as(name).containsPattern("(?s)/\\*\\*\\s*\\S.+?\\*/\\s*package " + Pattern.quote(name) + ";");
    }
  }
}
