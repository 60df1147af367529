"""Quy tắc: every rule with its titles and rationales in both languages, legal references, parameters
with their references, Gherkin scenarios, hits on the catalogue, measured precision and status."""

from __future__ import annotations

import state
import streamlit as st
from i18n import measure, num, number, rule_kind, severity, t

from engine.services.rules_info import RuleCard, rule_cards
from screens.review import precision_text


@st.cache_resource(show_spinner=False)
def _cards(path: str) -> list[RuleCard]:
    data = state.audited("vi", with_experimental=True)
    return rule_cards(data.rulebook, data.result, state.precision())


def render(lang: str) -> None:
    st.title(t("rules_title", lang))
    # The audit first, under its own spinner: inside the one below, a first audit showed two of them.
    state.audited(lang, with_experimental=True)
    with st.spinner(t("loading", lang)):
        cards = _cards(state.catalogue_path())
    st.dataframe(
        [
            {
                t("rule", lang): c.rule.title_vi if lang == "vi" else c.rule.title_en,
                t("kind", lang): rule_kind(c.rule.kind.value, lang),
                t("severity", lang): severity(c.rule.severity.value, lang),
                t("hits", lang): c.hits,
                t("precision", lang): precision_text(c.precision, lang),
                t("status", lang): t("experimental_mark", lang) if c.rule.experimental else t("proven", lang),
            }
            for c in cards
        ],
        hide_index=True,
        width="stretch",
        column_config={t("hits", lang): st.column_config.NumberColumn(format="%d")},
    )
    st.caption(t("hits_counted", lang))
    by_id = {c.rule.id: c for c in cards}
    chosen = state.choice(
        st,
        t("choose_rule", lang),
        list(by_id),
        "k_rule_choice",
        format_func=lambda r: by_id[r].rule.title_vi if lang == "vi" else by_id[r].rule.title_en,
    )
    _card(by_id[chosen], lang)


def _card(card: RuleCard, lang: str) -> None:
    """One rule in full; one at a time, since a page of every rule's tables is slow to draw."""
    rule = card.rule
    status = t("experimental_mark", lang) if rule.experimental else t("proven", lang)
    with st.container(border=True):
        st.markdown(f"**{t('status', lang)}:** {status} · **{t('hits', lang)}:** {num(card.hits, lang)}")
        st.markdown(
            f"**{t('title_vi', lang)}:** {rule.title_vi}  \n**{t('title_en', lang)}:** {rule.title_en}"
        )
        st.markdown(f"**{t('measure', lang)}:** {measure(rule.measure.value, lang)}")
        st.markdown(f"**{t('rationale_vi', lang)}:** {(rule.rationale_vi or t('none', lang)).strip()}")
        st.markdown(f"**{t('rationale_en', lang)}:** {rule.rationale.strip()}")
        st.markdown(f"**{t('legal', lang)}:**")
        for ref in rule.references:
            parts = [
                ref.number,
                ref.title or "",
                ref.article or "",
                ref.date.strftime("%d/%m/%Y") if ref.date else "",
            ]
            st.markdown("- " + " · ".join(p for p in parts if p))
        st.markdown(f"**{t('precision', lang)}:** {precision_text(card.precision, lang)}")
        if card.precision:
            st.caption(card.precision.described(lang))
        if card.parameters:
            st.markdown(f"**{t('parameters', lang)}:**")
            st.table(
                [
                    {
                        t("parameter", lang): p.description_vi if lang == "vi" else p.description_en,
                        t("value", lang): f"{number(p.value, lang)} {p.unit_in(lang)}",
                        t("reference", lang): p.reference_in(lang),
                        t("date", lang): p.date.strftime("%d/%m/%Y"),
                    }
                    for p in card.parameters.values()
                ],
                hide_index=True,
            )
        if not card.scenarios:
            st.markdown(f"**{t('scenarios', lang)}:** {t('no_scenarios', lang)}")
            return
        # The specs as written, rule ids and step values included: for those who write them.
        with st.expander(t("scenarios_n", lang, n=num(len(card.scenarios), lang))):
            st.caption(t("scenarios_note", lang))
            for scenario in card.scenarios:
                st.code(scenario.text, language="gherkin")


if __name__ == "__main__":
    render(state.lang())
