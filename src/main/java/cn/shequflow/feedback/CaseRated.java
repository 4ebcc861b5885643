package cn.shequflow.feedback;

import java.util.Date;

/**
 * Published when a case's rating is recorded, inside the transaction that uses up the card: rating is satisfied,
 * basicallySatisfied or dissatisfied; complaintCaseNumber the complaint a 不满意 started, else null.
 */
public record CaseRated(String caseNumber, String rating, Date ratedAt, String complaintCaseNumber) {}
