package cn.shequflow.pages;

import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.thymeleaf.context.IExpressionContext;
import org.thymeleaf.dialect.AbstractDialect;
import org.thymeleaf.dialect.IExpressionObjectDialect;
import org.thymeleaf.expression.IExpressionObjectFactory;

/**
 * {@code #community} in every page template: the community's name and service-desk phone (shequ.community-name,
 * shequ.community-phone), shown in the header and footer of templates/layout/community.html. An expression object
 * rather than a model attribute, so error pages and templates rendered outside a request have it too.
 */
@Component
class CommunityLook extends AbstractDialect implements IExpressionObjectDialect {

  /** What the pages show of the community; getters, as the templates' expressions read properties. */
  public static final class Community {
    private final String name;
    private final String phone;

    Community(String name, String phone) {
      this.name = name == null ? "" : name.strip();
      this.phone = phone == null ? "" : phone.strip();
    }

    public String getName() {
      return name;
    }

    public String getPhone() {
      return phone;
    }
  }

  private final Community community;

  CommunityLook(@Value("${shequ.community-name}") String name, @Value("${shequ.community-phone:}") String phone) {
    super("shequ-community");
    this.community = new Community(name, phone);
  }

  @Override
  public IExpressionObjectFactory getExpressionObjectFactory() {
    return new IExpressionObjectFactory() {
      @Override
      public Set<String> getAllExpressionObjectNames() {
        return Set.of("community");
      }

      @Override
      public Object buildObject(IExpressionContext context, String expressionObjectName) {
        return "community".equals(expressionObjectName) ? community : null;
      }

      @Override
      public boolean isCacheable(String expressionObjectName) {
        return true;
      }
    };
  }
}
