package cn.shequflow.online;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The token of the residents' message form without a session: the form's expiry signed with the app's key
 * ({@code <expiry seconds>.<HMAC-SHA256>}). A visitor who only reads the page leaves nothing on the server (a session
 * per visitor let anyone fill the server's memory by reloading), and a form can be posted only with a token this app
 * gave out in the last {@link #VALID_FOR}. The key is {@code shequ.online.form-secret}; when it is empty a random key
 * is drawn at start, so forms opened before a restart ask to be sent once more (two nodes need the same secret).
 */
@Component
class PublicFormTokens {

  static final Duration VALID_FOR = Duration.ofHours(4);

  private final SecretKeySpec key;
  private final Clock clock;

  @Autowired
  PublicFormTokens(@Value("${shequ.online.form-secret:}") String secret) {
    this(secret, Clock.systemUTC());
  }

  PublicFormTokens(String secret, Clock clock) {
    byte[] bytes = secret == null || secret.isBlank() ? random() : secret.getBytes(StandardCharsets.UTF_8);
    this.key = new SecretKeySpec(bytes, "HmacSHA256");
    this.clock = clock;
  }

  String issue() {
    String expiry = String.valueOf(clock.instant().plus(VALID_FOR).getEpochSecond());
    return expiry + "." + sign(expiry);
  }

  boolean valid(String token) {
    if (token == null || token.length() > 100) {
      return false;
    }
    int dot = token.indexOf('.');
    if (dot <= 0) {
      return false;
    }
    String expiry = token.substring(0, dot);
    long seconds;
    try {
      seconds = Long.parseLong(expiry);
    } catch (NumberFormatException notANumber) {
      return false;
    }
    boolean signed = MessageDigest.isEqual(sign(expiry).getBytes(StandardCharsets.US_ASCII),
        token.substring(dot + 1).getBytes(StandardCharsets.US_ASCII));
    return signed && clock.instant().getEpochSecond() <= seconds;
  }

  private String sign(String expiry) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return Base64.getUrlEncoder().withoutPadding()
          .encodeToString(mac.doFinal(expiry.getBytes(StandardCharsets.US_ASCII)));
    } catch (java.security.GeneralSecurityException impossible) {
      throw new IllegalStateException(impossible);
    }
  }

  private static byte[] random() {
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    return bytes;
  }
}
