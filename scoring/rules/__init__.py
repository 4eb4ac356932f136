"""The rules of a vacancy: schemes and scales, minimum criteria, guaranteed interviews,
the shortlist and the decisions on it, moderation, the vacancy's lifecycle, who scores what."""
