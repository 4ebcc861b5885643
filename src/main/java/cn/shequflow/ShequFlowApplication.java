package cn.shequflow;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Shequ Flow: the Benxi community-worker standard run by an embedded Camunda 7 engine. */
@SpringBootApplication
@EnableScheduling
public class ShequFlowApplication {
  public static void main(String[] args) {
    SpringApplication.run(ShequFlowApplication.class, args);
  }
}
