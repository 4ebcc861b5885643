package cn.shequflow.security;

import java.io.Serializable;
import java.util.concurrent.atomic.AtomicInteger;

/** A Java type an attacker names as objectTypeName: counts every instance made, so a test sees any deserialization. */
public class DeserializationProbe implements Serializable {

  static final AtomicInteger CREATED = new AtomicInteger();

  public String name;

  public DeserializationProbe() {
    CREATED.incrementAndGet();
  }
}
