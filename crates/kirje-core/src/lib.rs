//! kirje's domain.
pub mod lang;
pub mod locale;
pub mod markdown;
pub mod phone;
pub use lang::Lang;
