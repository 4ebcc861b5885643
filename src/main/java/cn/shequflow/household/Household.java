package cn.shequflow.household;

import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

/**
 * One household of the registry (R-3.1.2-1) with its grid, address, head, contacts and {@link SpecialTypes} codes,
 * and a null id until it is stored.
 */
public record Household(Long id, String householdNo, String grid, String address, String headName, String phone,
    String wechat, String qq, Integer memberCount, Set<String> specialTypes) {

  public Household {
    // sorted and immutable, so equal households compare and hash alike whatever order the sheet listed the types in
    specialTypes = specialTypes == null ? Collections.emptySortedSet()
        : Collections.unmodifiableSortedSet(new TreeSet<>(specialTypes));
  }

  /** Whether the household needs the monthly attention of R-3.1.2-2. */
  public boolean isSpecial() {
    return !specialTypes.isEmpty();
  }
}
