//! Enums that travel and are stored as fixed snake_case codes. Each code is written once,
//! in the enum's definition through `coded!`: the name on the wire (serde), the value in the
//! database and `code()` are that one string.

/// What every coded enum offers, for code that handles any of them (the server's row
/// mapping, for one).
pub trait Coded: Copy + Eq + std::fmt::Debug + 'static {
    /// Every value, in definition order.
    const ALL: &'static [Self];
    fn code(self) -> &'static str;
    fn from_code(code: &str) -> Option<Self>;
}

/// Defines an enum whose variants are written `Variant = "code",`, with serde, `ALL`,
/// `code()`, `from_code()` and [`Coded`] all from those codes.
macro_rules! coded {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $code:literal, )+
        }
    ) => {
        $(#[$meta])*
        #[derive(serde::Serialize, serde::Deserialize)]
        pub enum $name {
            $( $(#[$vmeta])* #[serde(rename = $code)] $variant, )+
        }

        impl $name {
            /// Every value, in definition order.
            pub const ALL: [$name; [$($code),+].len()] = [$($name::$variant),+];

            /// Its code: its name on the wire and in the database.
            pub fn code(self) -> &'static str {
                match self {
                    $($name::$variant => $code,)+
                }
            }

            pub fn from_code(code: &str) -> Option<$name> {
                match code {
                    $($code => Some($name::$variant),)+
                    _ => None,
                }
            }
        }

        /// The codes, as the document's enum (a derive would not see the renames a macro
        /// writes).
        #[cfg(feature = "openapi")]
        impl utoipa::PartialSchema for $name {
            fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
                utoipa::openapi::ObjectBuilder::new()
                    .schema_type(utoipa::openapi::schema::Type::String)
                    .enum_values(Some([$($code),+]))
                    .into()
            }
        }

        #[cfg(feature = "openapi")]
        impl utoipa::ToSchema for $name {}

        impl $crate::codes::Coded for $name {
            const ALL: &'static [$name] = &$name::ALL;
            fn code(self) -> &'static str {
                $name::code(self)
            }
            fn from_code(code: &str) -> Option<$name> {
                $name::from_code(code)
            }
        }
    };
}

#[cfg(test)]
mod tests {
    use super::Coded;
    use crate::*;

    /// Every value's code is its serde name, reads back as itself, and no two share one.
    fn check<T: Coded + serde::Serialize + serde::de::DeserializeOwned>(codes: &[&str]) {
        let all: Vec<&str> = T::ALL.iter().map(|v| v.code()).collect();
        assert_eq!(all, codes);
        for &value in T::ALL {
            let code = value.code();
            assert_eq!(
                serde_json::to_string(&value).unwrap(),
                format!("\"{code}\"")
            );
            assert_eq!(
                serde_json::from_str::<T>(&format!("\"{code}\"")).unwrap(),
                value
            );
            assert_eq!(T::from_code(code), Some(value));
        }
        assert_eq!(T::from_code("bogus"), None);
        assert_eq!(T::from_code(""), None);
        assert_eq!(
            T::from_code(&codes[0].to_uppercase()),
            None,
            "codes are exact"
        );
    }

    #[test]
    fn each_coded_enum_has_one_code_per_value_on_the_wire_and_in_storage() {
        check::<Gender>(&["female", "male", "other", "not_stated"]);
        check::<StaffRole>(&["customer_service", "marketing"]);
        check::<Channel>(&["self_service", "staff", "onboarding"]);
        check::<RequestKind>(&["inspection", "correction"]);
        check::<RequestStatus>(&[
            "received",
            "in_progress",
            "extended",
            "completed",
            "rejected",
            "cancelled",
        ]);
        check::<RequestAction>(&["start", "extend", "complete", "reject", "cancel"]);
        check::<RequestEventKind>(&[
            "received",
            "started",
            "extended",
            "completed",
            "rejected",
            "cancelled",
            "exported",
        ]);
        check::<AudienceChannel>(&["email", "sms", "phone", "post", "research"]);
        check::<InvoiceStatus>(&["open", "overdue", "partly_paid", "paid"]);
        check::<MarketingChoice>(&[
            "ban_all",
            "ban_email",
            "ban_sms",
            "ban_phone",
            "ban_post",
            "consent_market_research",
            "consent_research_disclosure",
            "consent_targeting",
        ]);
        check::<ProfileField>(&[
            "first_name",
            "last_name",
            "gender",
            "email",
            "phone",
            "address",
            "preferred_language",
            "other_info",
            "bank_account",
            "bic",
            "customer_since",
            "billing",
            "bank_report",
            "history",
        ]);
    }
}
