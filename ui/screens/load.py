"""Nạp dữ liệu: load a team's own catalogue (portal JSON records or procedure YAML, files or a zip), see
the import report, and work on it; a bad upload is reported and the data in use stays as it was."""

from __future__ import annotations

from pathlib import Path

import state
import streamlit as st
from i18n import num, t

from engine.errors import UserError
from engine.services.audit_cache import cache_dir
from engine.services.paths import catalogue_dir
from engine.services.uploads import MAX_UPLOAD_MB, UploadedFile, load_upload


def render(lang: str) -> None:
    st.title(t("load_title", lang))
    in_use = state.catalogue_path()
    bundled = in_use == str(catalogue_dir())
    data = state.audited(lang)
    st.info(
        t(
            "now_using",
            lang,
            what=t("bundled", lang) if bundled else t("uploaded", lang),
            n=num(len(data.catalogue.procedures), lang),
        )
    )
    if not bundled and st.button(t("back_to_bundled", lang), key="back_to_bundled"):
        st.session_state["catalogue_path"] = None
        st.rerun()
    with st.form("upload", clear_on_submit=False):
        files = st.file_uploader(
            t("load_help", lang, mb=MAX_UPLOAD_MB),
            type=["json", "yaml", "yml", "zip"],
            accept_multiple_files=True,
            max_upload_size=MAX_UPLOAD_MB,
            key="upload_files",
        )
        submitted = st.form_submit_button(t("check", lang))
    if submitted and files:
        uploaded = [UploadedFile(f.name, f.getvalue()) for f in files]
        try:
            folder, catalogue = load_upload(uploaded, cache_dir() / "uploads")
        except UserError as error:
            st.session_state.pop("upload_result", None)
            st.error(t("load_failed", lang, e=str(error)))
        else:
            st.session_state["upload_result"] = (
                str(folder),
                len(catalogue.procedures),
                catalogue.files_read,
                [(_relative(p.path, folder), p.field, p.message) for p in catalogue.problems],
            )
    result = st.session_state.get("upload_result")
    if result:
        folder, valid, read, problems = result
        st.subheader(t("import_report", lang))
        cols = st.columns(3)
        cols[0].metric(t("read", lang), num(read, lang))
        cols[1].metric(t("loaded", lang), num(valid, lang))
        cols[2].metric(t("problems", lang), num(len(problems), lang))
        if problems:
            st.dataframe(
                [
                    {t("problem_file", lang): f, t("problem_field", lang): fld, t("problem_message", lang): m}
                    for f, fld, m in problems
                ],
                hide_index=True,
                width="stretch",
            )
        if folder != in_use and st.button(t("use_it", lang), key="use_upload"):
            st.session_state["catalogue_path"] = folder
            state.choose_plan(None)
            st.rerun()


def _relative(path: str, folder: Path) -> str:
    try:
        return str(Path(path).relative_to(folder))
    except ValueError:
        return path


if __name__ == "__main__":
    render(state.lang())
