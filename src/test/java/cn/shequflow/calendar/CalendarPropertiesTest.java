package cn.shequflow.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.convert.ApplicationConversionService;

/** Binding of {@code shequ.calendar.*} the way Spring Boot does it, without starting a context. */
class CalendarPropertiesTest {

  private static CalendarProperties bind(Map<String, String> properties) {
    Binder binder = new Binder(List.of(new MapConfigurationPropertySource(properties)), null,
        ApplicationConversionService.getSharedInstance());
    return binder.bindOrCreate("shequ.calendar", CalendarProperties.class);
  }

  @Test
  @DisplayName("R-4.2-1 without any shequ.calendar property the defaults are Asia/Shanghai, 09:00–17:00, config/working-days.csv")
  void defaultsApplyWhenNothingIsConfigured() {
    CalendarProperties bound = bind(Map.of());
    assertThat(bound).isEqualTo(new CalendarProperties(
        ZoneId.of("Asia/Shanghai"), LocalTime.of(9, 0), LocalTime.of(17, 0), "config/working-days.csv"));
    assertThat(bound).isEqualTo(CalendarProperties.defaults());
  }

  @Test
  @DisplayName("R-4.2-1 configured zone, office hours and file are bound")
  void configuredValuesAreBound() {
    CalendarProperties bound = bind(Map.of(
        "shequ.calendar.zone", "Asia/Urumqi",
        "shequ.calendar.office-opens", "08:30",
        "shequ.calendar.office-closes", "17:30",
        "shequ.calendar.file", "/etc/shequ/working-days.csv"));
    assertThat(bound).isEqualTo(new CalendarProperties(
        ZoneId.of("Asia/Urumqi"), LocalTime.of(8, 30), LocalTime.of(17, 30), "/etc/shequ/working-days.csv"));
  }

  @Test
  @DisplayName("R-4.2-1 opening time not before closing time is rejected at binding")
  void reversedOfficeHoursAreRejected() {
    assertThatThrownBy(() -> bind(Map.of(
        "shequ.calendar.office-opens", "18:00",
        "shequ.calendar.office-closes", "17:00")))
        .isInstanceOf(BindException.class)
        .rootCause().hasMessageContaining("office-opens");
  }
}
