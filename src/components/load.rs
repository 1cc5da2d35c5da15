//! Showing data that is on its way: loading, the content, or what went wrong.

use leptos::prelude::*;

use crate::{
    api::ApiError,
    i18n::{tr, Key},
    session::Realm,
};

/// The message for a failed call: what happened, in the customer's language.
pub fn error_key(error: &ApiError) -> Key {
    match error {
        ApiError::Network => Key::NetworkError,
        ApiError::Unauthorized => Key::SessionEnded,
        ApiError::Rejected { body, .. } => match body.code {
            klever_api::ErrorCode::InvalidCredentials => Key::InvalidCredentials,
            klever_api::ErrorCode::TooManyAttempts => Key::TooManyAttempts,
            klever_api::ErrorCode::ValidationFailed => Key::FixErrors,
            klever_api::ErrorCode::InvalidTransition => Key::CannotChangeNow,
            klever_api::ErrorCode::Forbidden => Key::NotYours,
            _ => Key::ServerError,
        },
    }
}

/// What a form's error summary says about a failed send: nothing when the server named the
/// fields in error (they speak at the fields), else why the whole form failed.
pub fn form_failure<T>(result: Option<&Result<T, ApiError>>) -> Option<Key> {
    match result {
        Some(Err(ApiError::Rejected { body, .. })) if !body.fields.is_empty() => None,
        Some(Err(e)) => Some(error_key(e)),
        _ => None,
    }
}

/// Renders a `LocalResource` of an API call: a loading state, the content, or an error
/// with a retry button. A lost session is handed to the area's guard, which sends the
/// visitor to sign in.
pub fn load<T, V, F>(resource: LocalResource<Result<T, ApiError>>, render: F) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
    V: IntoView + 'static,
    F: Fn(T) -> V + Clone + Send + Sync + 'static,
{
    let lost = Realm::current().lost_handle();
    // Only "not signed in" ends a session here. A 403 on a staff page is a role the page is
    // not for; whether the visitor is staff at all is the staff area's own check, which sends
    // a customer or a stranger to the staff sign-in.
    let ends_session = |e: &ApiError| e.code() == Some(klever_api::ErrorCode::Unauthorized);
    view! {
        <Suspense fallback=|| view! { <p class="loading" role="status">{tr(Key::Loading)}</p> }>
            {
                let render = render.clone();
                move || {
                    let render = render.clone();
                    Suspend::new(async move {
                        match resource.await {
                            Ok(data) => render(data).into_any(),
                            Err(e) if ends_session(&e) => {
                                lost.run(());
                                ().into_any()
                            }
                            Err(error) => {
                                view! {
                                    <ErrorNotice
                                        error=error
                                        on_retry=Callback::new(move |_| resource.refetch())
                                    />
                                }
                                    .into_any()
                            }
                        }
                    })
                }
            }
        </Suspense>
    }
}

#[component]
pub fn ErrorNotice(error: ApiError, on_retry: Callback<()>) -> impl IntoView {
    let key = error_key(&error);
    view! {
        <div class="notice error" role="alert">
            <p>
                <strong>{tr(Key::LoadFailed)}</strong>
                " "
                {tr(key)}
            </p>
            <button type="button" class="button secondary" on:click=move |_| on_retry.run(())>
                {tr(Key::Retry)}
            </button>
        </div>
    }
}

/// Holds the part of a page that shows data until every call it names has answered, with
/// a skeleton in its place: the content then appears at once, so nothing on the screen moves
/// as answers arrive one by one (no layout shift). It waits once: a later refetch updates the
/// content in place. The content still shows each call's own error with its retry.
#[component]
pub fn Gate<Fut>(
    /// Resolves when the page's data calls have all answered (whatever they answered).
    ready: Fut,
    children: ChildrenFn,
) -> impl IntoView
where
    Fut: std::future::Future<Output = ()> + 'static,
{
    let open = RwSignal::new(false);
    leptos::task::spawn_local(async move {
        ready.await;
        open.set(true);
    });
    view! {
        <Show
            when=move || open.get()
            fallback=|| view! {
                <p class="loading visually-hidden" role="status">{tr(Key::Loading)}</p>
                <div class="skeleton skeleton-card" aria-hidden="true"></div>
                <div class="skeleton skeleton-card" aria-hidden="true"></div>
            }
        >
            {children()}
        </Show>
    }
}
