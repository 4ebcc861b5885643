package cn.shequflow.feedback;

import cn.shequflow.casefile.CaseClosed;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * R-1.2-4: every closed case gets one service feedback card, issued in the closing transaction; a reception case
 * that called proxy service already has the card its proxy case issued.
 */
@Component
class CardOnClose {

  private final FeedbackCards cards;

  CardOnClose(FeedbackCards cards) {
    this.cards = cards;
  }

  @EventListener
  void on(CaseClosed closed) {
    if (cards.latestForCase(closed.caseNumber()).isEmpty()) {
      cards.issue(closed.execution());
    }
  }
}
